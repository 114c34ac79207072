using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Accountability;

/// <summary>
/// Accountability cases over HTTP. Anyone signed in may call; a case they may not see is a 404, and the case's own
/// rules answer 403 (not theirs to act on, the accused investigating) or 409 (not now, not twice).
/// </summary>
public static class CasesApi
{
    public sealed record OpenBody(
        string? Origin,
        string? Ground,
        IReadOnlyList<string>? AccusedUserNames,
        string? Summary,
        IReadOnlyList<Guid>? RequestIds,
        IReadOnlyList<long>? AuditEvents,
        IReadOnlyList<string>? Documents
    );

    public sealed record AssignBody(string? InvestigatorUserName);

    public sealed record CaseAnswerBody(string? Answer);

    public sealed record DecideBody(string? Decision, string? Sanction, int? PenaltyPoints, string? Findings);

    public sealed record AppealBody(string? Grounds);

    public sealed record RulingBody(string? Ruling, string? Decision, string? Sanction, int? PenaltyPoints, string? Reasons);

    /// <summary>The newest first, at most this many; paging comes when there are that many.</summary>
    private const int ListLimit = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cases").WithTags("Accountability").WithProblemWords<AccountabilityText>().RequireAuthorization(Permissions.SignedIn);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapPost("/", OpenAsync).RequireAuthorization(Permissions.Supervise);
        api.MapPost("/{id:guid}/assign-investigator", (Guid id, AssignBody body, ClaimsPrincipal user, CaseSteps steps, AppDbContext db, CancellationToken ct) =>
            AnswerAsync(steps.AssignInvestigatorAsync(id, user, body.InvestigatorUserName, ct), user, db, ct));
        api.MapPost("/{id:guid}/answer", (Guid id, CaseAnswerBody body, ClaimsPrincipal user, CaseSteps steps, AppDbContext db, CancellationToken ct) =>
            AnswerAsync(steps.AnswerAsync(id, user, body.Answer, ct), user, db, ct));
        api.MapPost("/{id:guid}/decide", (Guid id, DecideBody body, ClaimsPrincipal user, CaseSteps steps, AppDbContext db, CancellationToken ct) =>
            AnswerAsync(steps.DecideAsync(id, user, body.Decision, body.Sanction, body.PenaltyPoints, body.Findings, ct), user, db, ct));
        api.MapPost("/{id:guid}/appeal", (Guid id, AppealBody body, ClaimsPrincipal user, CaseSteps steps, AppDbContext db, CancellationToken ct) =>
            AnswerAsync(steps.AppealAsync(id, user, body.Grounds, ct), user, db, ct));
        api.MapPost("/{id:guid}/rule-appeal", (Guid id, RulingBody body, ClaimsPrincipal user, CaseSteps steps, AppDbContext db, CancellationToken ct) =>
            AnswerAsync(steps.RuleOnAppealAsync(id, user, body.Ruling, body.Decision, body.Sanction, body.PenaltyPoints, body.Reasons, ct), user, db, ct));
    }

    /// <summary><c>status</c>: open (not yet decided), decided (decided, appealed or closed), or all.</summary>
    public static IQueryable<AccountabilityCase> Filter(IQueryable<AccountabilityCase> q, string status) =>
        status switch
        {
            "open" => q.Where(c => c.Status == CaseStatus.AwaitingInvestigator || c.Status == CaseStatus.UnderInvestigation),
            "decided" => q.Where(c => c.Status == CaseStatus.Decided || c.Status == CaseStatus.Appealed || c.Status == CaseStatus.Closed),
            _ => q,
        };

    public static Task<List<AccountabilityCase>> VisibleAsync(AppDbContext db, CaseReader reader, string status, CancellationToken ct) =>
        Filter(db.Set<AccountabilityCase>().AsNoTracking().Where(reader.Visible()), status)
            .OrderByDescending(c => c.OpenedAt)
            .ThenByDescending(c => c.Id)
            .Take(ListLimit)
            .ToListAsync(ct);

    private static async Task<IResult> ListAsync(string? status, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var s = status ?? "all";
        if (s is not ("open" or "decided" or "all"))
        {
            return ApiProblem.Invalid("status", "status is open, decided or all");
        }
        var reader = CaseReader.Of(user);
        return Results.Ok(await CaseView.ShowAsync(db, await VisibleAsync(db, reader, s, ct), reader, false, ct));
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var reader = CaseReader.Of(user);
        var c = await db.Set<AccountabilityCase>().AsNoTracking().Where(x => x.Id == id).Where(reader.Visible()).SingleOrDefaultAsync(ct);
        return c is null ? ApiProblem.NotFound("No such case") : Results.Ok((await CaseView.ShowAsync(db, [c], reader, true, ct))[0]);
    }

    private static async Task<IResult> OpenAsync(OpenBody body, ClaimsPrincipal user, CaseIntake intake, AppDbContext db, CancellationToken ct)
    {
        if (!ServiceDeskApi.TryParse<CaseOrigin>(body.Origin ?? nameof(CaseOrigin.ByHand), out var origin) || origin is not (CaseOrigin.ByHand or CaseOrigin.AuditFinding))
        {
            return ApiProblem.Invalid("origin", "origin is ByHand or AuditFinding");
        }
        if (!ServiceDeskApi.TryParse<CaseGround>(body.Ground ?? "", out var ground) || ground is CaseGround.UpheldComplaint)
        {
            return ApiProblem.Invalid("ground", "ground is ProcedureBreach, Negligence, Dereliction, SelfDealing or CommitmentBreach");
        }
        var reader = CaseReader.Of(user);
        AccountabilityCase opened;
        try
        {
            opened = await intake.ByHandAsync(
                reader.UserId,
                origin,
                ground,
                body.AccusedUserNames ?? [],
                body.Summary ?? "",
                body.RequestIds ?? [],
                body.AuditEvents ?? [],
                body.Documents ?? [],
                ct
            );
            await db.SaveChangesAsync(ct);
        }
        catch (InvalidFieldException e)
        {
            return ApiProblem.Invalid(e.Field, e.Message);
        }
        catch (CaseRuleException e)
        {
            return ApiProblem.Create(e.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, e.Code, e.Message);
        }
        return Results.Created($"/api/v1/cases/{opened.Id}", (await CaseView.ShowAsync(db, [opened], reader, true, ct))[0]);
    }

    private static async Task<IResult> AnswerAsync(Task<CaseOutcome> step, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var outcome = await step;
        if (outcome.Case is { } c)
        {
            return Results.Ok((await CaseView.ShowAsync(db, [c], CaseReader.Of(user), true, ct))[0]);
        }
        return outcome.Field is { } field
            ? ApiProblem.Invalid(field, outcome.Message ?? "")
            : ApiProblem.Create(outcome.Status, outcome.Code ?? "error", outcome.Message ?? "");
    }
}
