using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Outbox;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Accountability;

/// <summary>How a step on a case went: the case on success, else the status, stable code and, for a bad field, its name.</summary>
public sealed record CaseOutcome(AccountabilityCase? Case, int Status, string? Code, string? Field, string? Message)
{
    public bool Succeeded => Case is not null;

    public static readonly CaseOutcome NotFound = new(null, StatusCodes.Status404NotFound, "not_found", null, "No such case");
}

/// <summary>
/// The steps of a case for the signed-in person, shared by the API and the pages: find the case among those they
/// may see (else 404), let the case's own method decide, and record the step, tell the people it concerns and save,
/// all in one unit of work or not at all.
/// </summary>
public sealed class CaseSteps(AppDbContext db, AuditLog audit, Outbox outbox, TimeProvider clock, Policies policies, CalendarCache calendars)
{
    public const string InvestigatorAssigned = "accountability_case.investigator_assigned";
    public const string Answered = "accountability_case.answered";
    public const string Decided = "accountability_case.decided";
    public const string Appealed = "accountability_case.appealed";
    public const string AppealRuled = "accountability_case.appeal_ruled";

    private static readonly string[] Investigators = [Roles.Staff, Roles.TeamLeader, Roles.DeputyDirector, Roles.Director, Roles.Auditor];

    public Task<CaseOutcome> AssignInvestigatorAsync(Guid id, ClaimsPrincipal user, string? investigatorUserName, CancellationToken ct) =>
        RunAsync(
            id,
            user,
            InvestigatorAssigned,
            async (c, by, now) =>
            {
                if (!CaseReader.Of(user).MayAssign)
                {
                    throw new CaseRuleException(CaseRuleException.NotAllowed, "The director, a deputy director or the auditor names the investigator.");
                }
                var investigator = await InvestigatorAsync(investigatorUserName, ct);
                var days = (await policies.SanctionsAsync(ct)).AnswerWorkingDays;
                c.AssignInvestigator(by, investigator, Complaint.AnswerDue(now, days, await calendars.GetAsync(ct)));
            },
            (c, _) => [c.InvestigatorId!.Value, .. c.Accused.Select(a => a.UserId)],
            _ => null,
            ct
        );

    public Task<CaseOutcome> AnswerAsync(Guid id, ClaimsPrincipal user, string? answer, CancellationToken ct) =>
        RunAsync(
            id,
            user,
            Answered,
            Sync((c, by, now) => c.AnswerInWriting(by, answer ?? "", now)),
            (c, _) => c.InvestigatorId is { } i ? [i] : [],
            c => null,
            ct
        );

    public Task<CaseOutcome> DecideAsync(Guid id, ClaimsPrincipal user, string? decision, string? sanction, int? points, string? findings, CancellationToken ct) =>
        RunAsync(
            id,
            user,
            Decided,
            async (c, by, now) =>
            {
                var d = Parse<CaseDecision>(decision, "decision");
                var s = Parse<Sanction>(sanction ?? nameof(Sanction.None), "sanction");
                c.Decide(by, d, s, points, findings ?? "", await policies.SanctionsAsync(ct), now);
            },
            (c, director) => [.. c.Accused.Select(a => a.UserId), .. Some(director)],
            c => c.Findings,
            ct
        );

    public Task<CaseOutcome> AppealAsync(Guid id, ClaimsPrincipal user, string? grounds, CancellationToken ct) =>
        RunAsync(
            id,
            user,
            Appealed,
            Sync((c, by, now) => c.AppealToDirector(by, grounds ?? "", now)),
            (c, director) => [.. Some(director), .. Some(c.InvestigatorId)],
            c => c.Appeal,
            ct
        );

    public Task<CaseOutcome> RuleOnAppealAsync(Guid id, ClaimsPrincipal user, string? ruling, string? decision, string? sanction, int? points, string? reasons, CancellationToken ct) =>
        RunAsync(
            id,
            user,
            AppealRuled,
            async (c, by, now) =>
            {
                var r = Parse<AppealRuling>(ruling, "ruling");
                CaseDecision? d = string.IsNullOrWhiteSpace(decision) ? null : Parse<CaseDecision>(decision, "decision");
                Sanction? s = string.IsNullOrWhiteSpace(sanction) ? null : Parse<Sanction>(sanction, "sanction");
                c.RuleOnAppeal(by, user.IsInRole(Roles.Director), r, d, s, points, reasons ?? "", await policies.SanctionsAsync(ct), now);
            },
            (c, _) => [.. c.Accused.Select(a => a.UserId), .. Some(c.InvestigatorId)],
            c => c.RulingReasons,
            ct
        );

    private static Func<AccountabilityCase, Guid, DateTime, Task> Sync(Action<AccountabilityCase, Guid, DateTime> step) =>
        (c, by, now) =>
        {
            step(c, by, now);
            return Task.CompletedTask;
        };

    private static IEnumerable<Guid> Some(Guid? id) => id is { } i ? [i] : [];

    private static T Parse<T>(string? value, string field)
        where T : struct, Enum =>
        ServiceDeskApi.TryParse<T>(value ?? "", out var parsed)
            ? parsed
            : throw new InvalidFieldException(field, $"{field} is one of {string.Join(", ", Enum.GetNames<T>())}.");

    private async Task<Guid> InvestigatorAsync(string? userName, CancellationToken ct)
    {
        var normalized = (userName ?? "").Trim().ToUpperInvariant();
        var id = await (
            from u in db.Users
            where u.NormalizedUserName == normalized && !u.Disabled
            where (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id && Investigators.Contains(r.Name) select ur).Any()
            select (Guid?)u.Id
        ).SingleOrDefaultAsync(ct);
        return id ?? throw new InvalidFieldException("investigatorUserName", "Name a member of the office's staff or the auditor.");
    }

    private async Task<CaseOutcome> RunAsync(
        Guid id,
        ClaimsPrincipal user,
        string action,
        Func<AccountabilityCase, Guid, DateTime, Task> step,
        Func<AccountabilityCase, Guid?, IEnumerable<Guid>> tell,
        Func<AccountabilityCase, string?> note,
        CancellationToken ct
    )
    {
        var reader = CaseReader.Of(user);
        var c = await db.Set<AccountabilityCase>().Where(x => x.Id == id).Where(reader.Visible()).SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return CaseOutcome.NotFound;
        }
        try
        {
            await step(c, reader.UserId, clock.GetUtcNow().UtcDateTime);
        }
        catch (CaseRuleException e)
        {
            db.ChangeTracker.Clear();
            return new(null, e.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, e.Code, null, e.Message);
        }
        catch (InvalidFieldException e)
        {
            db.ChangeTracker.Clear();
            return new(null, StatusCodes.Status422UnprocessableEntity, "validation_failed", e.Field, e.Message);
        }
        audit.Record(
            action,
            AccountabilityCase.SubjectType,
            c.Id,
            new
            {
                status = c.Status.ToString(),
                investigator = c.InvestigatorId,
                decision = c.Decision?.ToString(),
                sanction = c.Sanction.ToString(),
                c.PenaltyPoints,
                ruling = c.Ruling?.ToString(),
            },
            note(c)
        );
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        outbox.Notify(tell(c, director), action, AccountabilityCase.SubjectType, c.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(null, StatusCodes.Status409Conflict, "concurrent_change", null, "Someone else changed this case; reload it and try again.");
        }
        return new(c, StatusCodes.Status200OK, null, null, null);
    }
}
