using Houqin.Data;
using Houqin.Features.Shared;
using Houqin.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Accountability;

/// <summary>
/// One case: what it is about, its evidence, the answers, decision and appeal, its timeline with each step's
/// inclusion proof, and the forms for whoever may act now. A case the reader may not see is a 404.
/// </summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class CaseModel(AppDbContext db, CaseSteps steps, IStringLocalizer<AccountabilityText> text) : PageModel
{
    public CaseView.CaseDto Details { get; private set; } = null!;

    /// <summary>Display names of the timeline's actors by user name.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public string? StepProblem { get; private set; }

    [BindProperty]
    public string? InvestigatorUserName { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Sanction { get; set; }

    [BindProperty]
    public int? PenaltyPoints { get; set; }

    [BindProperty]
    public string? Findings { get; set; }

    [BindProperty]
    public string? Grounds { get; set; }

    [BindProperty]
    public string? Ruling { get; set; }

    [BindProperty]
    public string? Reasons { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignInvestigatorAsync(Guid id, CancellationToken ct) =>
        AnswerAsync(id, steps.AssignInvestigatorAsync(id, User, InvestigatorUserName, ct), ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) => AnswerAsync(id, steps.AnswerAsync(id, User, Answer, ct), ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) =>
        AnswerAsync(id, steps.DecideAsync(id, User, Decision, Sanction, PenaltyPoints, Findings, ct), ct);

    public Task<IActionResult> OnPostAppealAsync(Guid id, CancellationToken ct) => AnswerAsync(id, steps.AppealAsync(id, User, Grounds, ct), ct);

    public Task<IActionResult> OnPostRuleAppealAsync(Guid id, CancellationToken ct) =>
        AnswerAsync(id, steps.RuleOnAppealAsync(id, User, Ruling, Decision, Sanction, PenaltyPoints, Reasons, ct), ct);

    /// <summary>PRG on success; otherwise the page again with the reason in the reader's language and the step's status.</summary>
    private async Task<IActionResult> AnswerAsync(Guid id, Task<CaseOutcome> step, CancellationToken ct)
    {
        var outcome = await step;
        if (outcome.Succeeded)
        {
            return Redirect($"/cases/{id}");
        }
        if (outcome.Status == StatusCodes.Status404NotFound || !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (outcome.Field is { } field)
        {
            var key = char.ToUpperInvariant(field[0]) + field[1..];
            ModelState.AddModelError(key, text.Or("Error_" + field, text["Error_Form"]));
        }
        else
        {
            StepProblem = text.Or("Refused_" + outcome.Code, text["Refused"]);
        }
        var page = Page();
        page.StatusCode = outcome.Status;
        return page;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var reader = CaseReader.Of(User);
        var c = await db.Set<AccountabilityCase>().AsNoTracking().Where(x => x.Id == id).Where(reader.Visible()).SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return false;
        }
        Details = (await CaseView.ShowAsync(db, [c], reader, true, ct))[0];
        var actors = Details.Timeline!.Select(t => t.Actor).Distinct().ToList();
        Names = await db.Users.Where(u => actors.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        return true;
    }

    public string Actor(string userName) => Names.GetValueOrDefault(userName) ?? (userName == CurrentActor.System ? text["System"] : userName);

    public static string When(DateTime utc) => Prose.Instant(utc);
}
