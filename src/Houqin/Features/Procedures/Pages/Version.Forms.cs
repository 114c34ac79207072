using Houqin.Features.Shared;
using Houqin.Infrastructure;
using Houqin.Infrastructure.Policies;
using Microsoft.AspNetCore.Mvc;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// The forms of a version page, each through <see cref="ProcedureSteps"/> (which checks who may, records and saves):
/// on success back to the page (PRG); a bad field re-renders the page with 422 and the message in the reader's
/// language under that form; a refused step re-renders with why.
/// </summary>
public sealed partial class VersionModel
{
    public Task<IActionResult> OnPostCommentAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, $"comment-{Clause}", steps.CommentAsync(id, n, Clause ?? 0, CommentText, ct), $"#clause-{Clause}", ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct)
    {
        CommentOutcome? outcome = Enum.TryParse<CommentOutcome>(Outcome, out var o) && Enum.IsDefined(o) ? o : null;
        return AnswerAsync(id, n, $"answer-{CommentId}", steps.AnswerCommentAsync(id, n, CommentId ?? Guid.Empty, outcome, Reason, ct), $"#comment-{CommentId}", ct);
    }

    public Task<IActionResult> OnPostClauseAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, $"clause-{Clause}", steps.WriteClauseAsync(id, n, Clause ?? 0, Heading, ClauseHtml, ct), $"#clause-{Clause}", ct);

    public Task<IActionResult> OnPostParameterAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct)
    {
        var scope = "param-" + Key;
        if (Key is null || ParameterWords.Definition(Key) is not { } p)
        {
            return Task.FromResult<IActionResult>(NotFound());
        }
        var value = ParameterInput.Posted(Amount, Per, Codes, Flag).ToJson(p);
        var step = value is { } json ? steps.SetParameterAsync(id, n, Key, json, ct) : Task.FromResult(ProcedureOutcome.Invalid(Key, "not a number"));
        return AnswerAsync(id, n, scope, step, "#" + scope, ct);
    }

    public Task<IActionResult> OnPostNewDraftAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, "next", steps.NewDraftAsync(id, ct), "", ct);

    public Task<IActionResult> OnPostStartDiscussionAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, "steps", steps.StartDiscussionAsync(id, n, ct), "", ct);

    public Task<IActionResult> OnPostStartConsultationAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, "consultation", steps.StartConsultationAsync(id, n, Utc(ClosesAt), ct), "", ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, "steps", steps.SubmitAsync(id, n, ct), "", ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, "approve", steps.ApproveAsync(id, n, MeetingDate, MinutesRef, ResolutionNo, Utc(EffectiveAt), ct), "", ct);

    public Task<IActionResult> OnPostSendBackAsync(Guid id, int n, [FromServices] ProcedureSteps steps, CancellationToken ct) =>
        AnswerAsync(id, n, "send-back", steps.SendBackAsync(id, n, Reason, ct), "", ct);

    /// <summary>A Beijing wall-clock time from a form; a typing mistake far outside this century counts as missing.</summary>
    private static DateTime? Utc(DateTime? beijing) => Prose.IsPlausible(beijing) ? Prose.FromBeijing(beijing!.Value) : null;

    private async Task<IActionResult> AnswerAsync(Guid id, int n, string scope, Task<ProcedureOutcome> step, string anchor, CancellationToken ct)
    {
        var outcome = await step;
        if (outcome.Succeeded)
        {
            // A new draft lands on its own page; every other step back on this one.
            return Redirect($"/procedures/{id}/v/{outcome.Version?.Number ?? n}{anchor}");
        }
        if (outcome.Status == StatusCodes.Status404NotFound || !await LoadAsync(id, n, ct))
        {
            return NotFound();
        }
        if (outcome.Field is { } field)
        {
            errorScope = scope;
            errorMessage = FieldMessage(scope, field);
        }
        else
        {
            StepProblem = text.Or("Refused_" + outcome.Code, text["Refused"]);
        }
        var page = Page();
        page.StatusCode = outcome.Status;
        return page;
    }

    private string FieldMessage(string scope, string field)
    {
        if (scope.StartsWith("param-", StringComparison.Ordinal) && ParameterWords.Definition(field) is { } p)
        {
            return p.Unit switch
            {
                PolicyUnit.Count when p.Max == long.MaxValue => text["Error_CountFrom", p.Min].Value,
                PolicyUnit.Count => text["Error_Count", p.Min, p.Max].Value,
                _ => text["Error_" + p.Unit].Value,
            };
        }
        if (scope.StartsWith("clause-", StringComparison.Ordinal) && field == "text")
        {
            return text["Error_clauseText"].Value;
        }
        return text.Or("Error_" + field, text["Error_Form"]);
    }
}
