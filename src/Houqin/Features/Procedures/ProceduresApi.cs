using System.Globalization;
using System.Text.Json;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Policies;

namespace Houqin.Features.Procedures;

/// <summary>
/// The procedures' JSON API (issue 4): reading versions (published ones and consultations without signing in),
/// the lifecycle's steps through <see cref="ProcedureSteps"/>, the diff, and the policy in force.
/// </summary>
public static class ProceduresApi
{
    public sealed record VersionSummaryDto(int Number, string Status, DateTime? ConsultationClosesAt, DateTime? EffectiveAt);

    public sealed record ProcedureDto(Guid Id, string Code, string Title, bool CarriesPolicy, IReadOnlyList<VersionSummaryDto> Versions);

    public sealed record ClauseDto(int Number, string Heading, string Text);

    public sealed record ParameterDto(JsonElement Value, string Unit, string Label);

    public sealed record ApprovalDto(DateOnly? MeetingDate, string? MinutesRef, string? ResolutionNo, DateTime? ApprovedAt, DateTime? EffectiveAt);

    public sealed record VersionDto(
        Guid ProcedureId,
        string Code,
        string Title,
        int Number,
        string Status,
        DateTime CreatedAt,
        DateTime? DiscussionStartedAt,
        DateTime? ConsultationStartedAt,
        DateTime? ConsultationClosesAt,
        bool AcceptsComments,
        DateTime? SubmittedAt,
        string? SentBackReason,
        ApprovalDto? Approval,
        DateTime? SupersededAt,
        IReadOnlyList<ClauseDto> Clauses,
        IReadOnlyDictionary<string, ParameterDto> Parameters
    );

    public sealed record AuthorDto(string Kind, string? DisplayName);

    public sealed record CommentDto(Guid Id, int Clause, string Stage, string Text, DateTime CreatedAt, AuthorDto Author, string? Outcome, string? Reason, DateTime? AnsweredAt);

    public sealed record ClauseChangeDto(int Number, string Change, ClauseDto? Before, ClauseDto? After);

    public sealed record ParameterChangeDto(string Key, string Change, JsonElement? Before, JsonElement? After, string Unit, string Label);

    public sealed record DiffDto(int From, int To, IReadOnlyList<ClauseChangeDto> Clauses, IReadOnlyList<ParameterChangeDto> Parameters);

    public sealed record PolicyDto(Guid? ProcedureId, int? Version, DateTime? EffectiveAt, IReadOnlyDictionary<string, ParameterDto> Parameters);

    public sealed record ParameterBody(JsonElement Value);

    public sealed record ClauseBody(string? Heading, string? Text);

    public sealed record ConsultationBody(string? ClosesAt);

    public sealed record CommentBody(int? Clause, string? Text);

    public sealed record CommentAnswerBody(string? Outcome, string? Reason);

    public sealed record ApproveBody(string? MeetingDate, string? MinutesRef, string? ResolutionNo, string? EffectiveAt);

    public sealed record ReasonBody(string? Reason);

    public sealed record ClerkBody(string? UserName);

    private const string VersionPath = "/{id:guid}/versions/{n:int}";

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Procedures").WithProblemWords<ProcedureText>();
        api.MapGet("/policy", PolicyAsync).AllowAnonymous();

        var procedures = api.MapGroup("/procedures");
        procedures.MapGet("", ListAsync).AllowAnonymous();
        procedures.MapGet(VersionPath, GetAsync).AllowAnonymous();
        procedures.MapGet(VersionPath + "/comments", CommentsAsync).AllowAnonymous();
        procedures.MapGet(VersionPath + "/diff", DiffAsync).AllowAnonymous();

        var office = procedures.MapGroup("").RequireAuthorization(Permissions.OfficeStaff);
        office.MapPost("/{id:guid}/versions", NewDraftAsync);
        office.MapPut(
            "/{id:guid}/clerk",
            async (Guid id, ClerkBody? body, ProcedureSteps s, CancellationToken ct) =>
            {
                var outcome = await s.NameClerkAsync(id, body?.UserName, ct);
                return outcome.Succeeded ? Results.Ok(new { clerk = body?.UserName?.Trim() }) : Problem(outcome);
            }
        );
        office.MapPut(
            VersionPath + "/clauses/{number:int}",
            (Guid id, int n, int number, ClauseBody? body, ProcedureSteps s, VersionViews w, CancellationToken ct) =>
                body is null ? NoBody() : AnswerAsync(s.WriteClauseAsync(id, n, number, body.Heading, body.Text, ct), w, ct)
        );
        office.MapDelete(
            VersionPath + "/clauses/{number:int}",
            (Guid id, int n, int number, ProcedureSteps s, VersionViews w, CancellationToken ct) => AnswerAsync(s.RemoveClauseAsync(id, n, number, ct), w, ct)
        );
        office.MapPut(
            VersionPath + "/parameters/{key}",
            (Guid id, int n, string key, ParameterBody? body, ProcedureSteps s, VersionViews w, CancellationToken ct) =>
                body is null || body.Value.ValueKind == JsonValueKind.Undefined
                    ? Task.FromResult(ApiProblem.Invalid("value", "value is required: a JSON value in the parameter's unit."))
                    : AnswerAsync(s.SetParameterAsync(id, n, key, body.Value, ct), w, ct)
        );
        office.MapPost(
            VersionPath + "/start-discussion",
            (Guid id, int n, ProcedureSteps s, VersionViews w, CancellationToken ct) => AnswerAsync(s.StartDiscussionAsync(id, n, ct), w, ct)
        );
        office.MapPost(
            VersionPath + "/start-consultation",
            (Guid id, int n, ConsultationBody? body, ProcedureSteps s, VersionViews w, CancellationToken ct) =>
                body is null ? NoBody()
                : TryInstant(body.ClosesAt, "closesAt", out var closesAt, out var bad) ? AnswerAsync(s.StartConsultationAsync(id, n, closesAt, ct), w, ct)
                : Task.FromResult(bad!)
        );
        office.MapPost(VersionPath + "/comments/{c:guid}/answer", AnswerCommentAsync);
        office.MapPost(
            VersionPath + "/submit",
            (Guid id, int n, ProcedureSteps s, VersionViews w, CancellationToken ct) => AnswerAsync(s.SubmitAsync(id, n, ct), w, ct)
        );

        procedures.MapPost(VersionPath + "/comments", CommentAsync).RequireAuthorization(Permissions.SignedIn);

        var meeting = procedures.MapGroup("").RequireAuthorization(Permissions.ApproveProcedures);
        meeting.MapPost(VersionPath + "/approve", ApproveAsync);
        meeting.MapPost(
            VersionPath + "/send-back",
            (Guid id, int n, ReasonBody? body, ProcedureSteps s, VersionViews w, CancellationToken ct) =>
                body is null ? NoBody() : AnswerAsync(s.SendBackAsync(id, n, body.Reason, ct), w, ct)
        );
    }

    private static async Task<IResult> PolicyAsync(Policies policies, ParameterLabels labels, CancellationToken ct)
    {
        var snapshot = await policies.CurrentAsync(ct);
        var parameters = await labels.ReadAsync(ParameterLabels.InForce(snapshot), ct);
        return Results.Ok(new PolicyDto(snapshot.ProcedureId, snapshot.Version, snapshot.EffectiveAt, ToDictionary(parameters)));
    }

    private static async Task<IResult> ListAsync(ProcedureReads reads, CancellationToken ct) =>
        Results.Ok(
            (await reads.ListAsync(ct)).Select(l => new ProcedureDto(
                l.Procedure.Id,
                l.Procedure.Code,
                l.Procedure.Title,
                l.Procedure.CarriesPolicy,
                l.Versions.Select(v => new VersionSummaryDto(v.Number, v.Status.ToString(), v.ConsultationClosesAt, v.EffectiveAt)).ToList()
            ))
        );

    private static async Task<IResult> GetAsync(Guid id, int n, ProcedureReads reads, VersionViews views, CancellationToken ct) =>
        await reads.VersionAsync(id, n, ct) is var (p, v)
            ? Results.Ok(await views.ViewAsync(p, v, ct))
            : ApiProblem.NotFound("No such procedure version");

    private static async Task<IResult> CommentsAsync(Guid id, int n, ProcedureReads reads, CancellationToken ct) =>
        await reads.VersionAsync(id, n, ct) is var (_, v)
            ? Results.Ok((await reads.CommentsAsync(v, ct)).Select(View).ToList())
            : ApiProblem.NotFound("No such procedure version");

    /// <summary>Version <paramref name="n"/> against <paramref name="from"/> (by default the one before it).</summary>
    private static async Task<IResult> DiffAsync(Guid id, int n, int? from, ProcedureReads reads, ParameterLabels labels, CancellationToken ct)
    {
        var m = from ?? n - 1;
        if (m < 1 || m == n)
        {
            return ApiProblem.Invalid("from", "from is the number of another version of the procedure.");
        }
        if (await reads.VersionAsync(id, n, ct) is not var (_, to) || await reads.VersionAsync(id, m, ct) is not var (_, before))
        {
            return ApiProblem.NotFound("No such procedure version");
        }
        var diff = VersionDiff.Between(before, to);
        var read = (await labels.ReadAsync(diff.Parameters.Select(c => KeyValuePair.Create(c.Key, c.After ?? c.Before!)), ct)).ToDictionary(r => r.Key);
        return Results.Ok(
            new DiffDto(
                diff.From,
                diff.To,
                diff.Clauses.Select(c => new ClauseChangeDto(c.Number, c.Change.ToString(), View(c.Before), View(c.After))).ToList(),
                diff.Parameters.Select(c => new ParameterChangeDto(c.Key, c.Change.ToString(), Json(c.Before), Json(c.After), read[c.Key].Unit, read[c.Key].Label))
                    .ToList()
            )
        );
    }

    private static async Task<IResult> NewDraftAsync(Guid id, ProcedureSteps steps, CancellationToken ct)
    {
        var outcome = await steps.NewDraftAsync(id, ct);
        return outcome.Succeeded
            ? Results.Created($"/api/v1/procedures/{id}/versions/{outcome.Version!.Number}", new { version = outcome.Version.Number })
            : Problem(outcome);
    }

    private static async Task<IResult> CommentAsync(Guid id, int n, CommentBody? body, ProcedureSteps steps, ProcedureReads reads, CancellationToken ct)
    {
        if (body is null)
        {
            return await NoBody();
        }
        if (body.Clause is not { } clause)
        {
            return ApiProblem.Invalid("clause", "clause is required: the number of the clause commented on.");
        }
        var outcome = await steps.CommentAsync(id, n, clause, body.Text, ct);
        return outcome.Succeeded ? Results.Created($"/api/v1/procedures/{id}/versions/{n}/comments", await CommentViewAsync(outcome, reads, ct)) : Problem(outcome);
    }

    private static async Task<IResult> AnswerCommentAsync(Guid id, int n, Guid c, CommentAnswerBody? body, ProcedureSteps steps, ProcedureReads reads, CancellationToken ct)
    {
        if (body is null)
        {
            return await NoBody();
        }
        CommentOutcome? answer = null;
        if (body.Outcome is not null)
        {
            if (!Enum.TryParse<CommentOutcome>(body.Outcome, ignoreCase: true, out var o) || !Enum.IsDefined(o) || body.Outcome.Trim().All(char.IsAsciiDigit))
            {
                return ApiProblem.Invalid("outcome", "outcome is Adopted, PartlyAdopted or NotAdopted.");
            }
            answer = o;
        }
        var outcome = await steps.AnswerCommentAsync(id, n, c, answer, body.Reason, ct);
        return outcome.Succeeded ? Results.Ok(await CommentViewAsync(outcome, reads, ct)) : Problem(outcome);
    }

    private static async Task<IResult> ApproveAsync(Guid id, int n, ApproveBody? body, ProcedureSteps steps, VersionViews views, CancellationToken ct)
    {
        if (body is null)
        {
            return await NoBody();
        }
        DateOnly? meeting = null;
        if (body.MeetingDate is not null)
        {
            if (!DateOnly.TryParseExact(body.MeetingDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return ApiProblem.Invalid("meetingDate", "meetingDate is a date as yyyy-MM-dd.");
            }
            meeting = d;
        }
        if (!TryInstant(body.EffectiveAt, "effectiveAt", out var effectiveAt, out var bad))
        {
            return bad!;
        }
        return await AnswerAsync(steps.ApproveAsync(id, n, meeting, body.MinutesRef, body.ResolutionNo, effectiveAt, ct), views, ct);
    }

    /// <summary>An ISO 8601 instant; without an offset it is read as UTC. Absent is null (the step names it as required).</summary>
    private static bool TryInstant(string? text, string field, out DateTime? instant, out IResult? bad)
    {
        instant = null;
        bad = null;
        if (text is null)
        {
            return true;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            bad = ApiProblem.Invalid(field, $"{field} is an ISO 8601 instant, e.g. 2026-12-31T17:00:00+08:00.");
            return false;
        }
        instant = at.UtcDateTime;
        return true;
    }

    private static async Task<IResult> AnswerAsync(Task<ProcedureOutcome> step, VersionViews views, CancellationToken ct)
    {
        var outcome = await step;
        return outcome.Succeeded ? Results.Ok(await views.ViewAsync(outcome.Procedure!, outcome.Version!, ct)) : Problem(outcome);
    }

    public static IResult Problem(ProcedureOutcome outcome) =>
        outcome switch
        {
            { Field: { } field } => ApiProblem.Invalid(field, outcome.Message!),
            { Status: StatusCodes.Status404NotFound } => ApiProblem.NotFound(outcome.Message!),
            { Status: StatusCodes.Status403Forbidden } => ApiProblem.Create(StatusCodes.Status403Forbidden, outcome.Code!, "Not allowed", outcome.Message),
            _ => ApiProblem.Conflict(outcome.Code!, outcome.Code == ProcedureRuleException.InvalidState ? "Not allowed in the version's current state" : "Conflict", outcome.Message),
        };

    private static Task<IResult> NoBody() => Task.FromResult(ApiProblem.Invalid("body", "a JSON object is required"));

    internal static Dictionary<string, ParameterDto> ToDictionary(IEnumerable<ParameterReading> parameters) =>
        parameters.ToDictionary(r => r.Key, r => new ParameterDto(r.Value, r.Unit, r.Label), StringComparer.Ordinal);

    internal static ClauseDto? View(Clause? c) => c is null ? null : new(c.Number, c.Heading, c.Text);

    private static CommentDto View(CommentReading r) =>
        new(
            r.Comment.Id,
            r.Comment.ClauseNumber,
            r.Comment.Stage.ToString(),
            r.Comment.Text,
            r.Comment.CreatedAt,
            new AuthorDto(r.AuthorKind.ToString(), r.AuthorName),
            r.Comment.Outcome?.ToString(),
            r.Comment.Reason,
            r.Comment.AnsweredAt
        );

    private static async Task<CommentDto> CommentViewAsync(ProcedureOutcome outcome, ProcedureReads reads, CancellationToken ct) =>
        View((await reads.CommentsAsync(outcome.Version!, ct)).Single(r => r.Comment.Id == outcome.Comment!.Id));

    private static JsonElement? Json(string? canonical)
    {
        if (canonical is null)
        {
            return null;
        }
        using var doc = JsonDocument.Parse(canonical);
        return doc.RootElement.Clone();
    }
}

/// <summary>A version as the API shows it: clauses, labelled parameters, the record of each step.</summary>
public sealed class VersionViews(ParameterLabels labels, TimeProvider clock)
{
    public async Task<ProceduresApi.VersionDto> ViewAsync(Procedure p, ProcedureVersion v, CancellationToken ct)
    {
        var parameters = await labels.ReadAsync(v.Parameters.Select(x => KeyValuePair.Create(x.Key, x.Value)), ct);
        return new ProceduresApi.VersionDto(
            p.Id,
            p.Code,
            p.Title,
            v.Number,
            v.Status.ToString(),
            v.CreatedAt,
            v.DiscussionStartedAt,
            v.ConsultationStartedAt,
            v.ConsultationClosesAt,
            v.AcceptsPublicComments(clock.GetUtcNow().UtcDateTime),
            v.SubmittedAt,
            v.SentBackReason,
            v.ApprovedAt is null ? null : new ProceduresApi.ApprovalDto(v.MeetingDate, v.MinutesRef, v.ResolutionNo, v.ApprovedAt, v.EffectiveAt),
            v.SupersededAt,
            v.Clauses.OrderBy(c => c.Number).Select(c => ProceduresApi.View(c)!).ToList(),
            ProceduresApi.ToDictionary(parameters)
        );
    }
}
