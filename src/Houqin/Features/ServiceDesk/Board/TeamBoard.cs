using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Features.Shared;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Board;

/// <summary>A real rating among the lowest of the period.</summary>
public sealed record LowRating(Guid RequestId, string Number, int Timeliness, int Quality, int Attitude, int Satisfaction, string? Comment, DateTime At);

/// <summary>The period's real ratings (defaults never count): the four means, how many, and the lowest.</summary>
public sealed record RatingSummary(int Count, double? Timeliness, double? Quality, double? Attitude, double? Satisfaction, IReadOnlyList<LowRating> Lowest);

/// <summary>An open complaint against a member of one of the board's teams.</summary>
public sealed record OpenComplaint(Guid RequestId, string Number, ComplaintKind Kind, DateTime FiledAt, DateTime AnswerBy, bool Overdue);

/// <summary>
/// The leaders' board: what needs a leader's eye across their teams. Every list filters on indexed columns
/// (team, status, overdue) and shows at most <see cref="Shown"/> rows with the full count beside it.
/// </summary>
public sealed record TeamBoard(
    BoardSection Overdue,
    BoardSection EscalatedToMe,
    BoardSection Pending,
    BoardSection Bounces,
    RatingSummary Ratings,
    int ComplaintCount,
    IReadOnlyList<OpenComplaint> Complaints,
    DateTime At
)
{
    public const int Shown = 50;
    public const int LowestShown = 5;

    private static readonly RequestStatus[] Open = [RequestStatus.Submitted, RequestStatus.Acknowledged, RequestStatus.HandedOff, RequestStatus.OnSite, RequestStatus.Paused];
    private static readonly string[] BounceActions = ["service_request.handoff_declined", "service_request.completion_rejected"];

    public static async Task<TeamBoard> LoadAsync(
        AppDbContext db,
        IStringLocalizer<ServiceDeskText> desk,
        IStringLocalizer<BoardText> text,
        BoardFilter filter,
        Guid me,
        DateTime now,
        CancellationToken ct
    )
    {
        var teams = await db.Set<Team>().AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var mine = filter.Requests(db);
        var open = mine.Where(r => Open.Contains(r.Status));

        var overdue = open.Where(r => r.Overdue);
        var overdueSection = await BoardRows.SectionAsync(
            db,
            desk,
            "overdue",
            overdue,
            // The oldest promise first: the commitment that is still unmet and was due earliest.
            overdue.OrderBy(r => r.AcknowledgedAt == null ? r.AcknowledgeBy : r.ArrivedAt == null ? r.ArriveBy : r.ResolveBy).ThenBy(r => r.Sequence),
            teams,
            r => [Missed(text, r, now), .. LevelNote(text, r)],
            Shown,
            ct
        );

        // A referral whose follow-up is owed is still the ladder's business (ADR 0021): it stays before the leader.
        var escalated = filter.Narrow(
            db.Set<ServiceRequest>()
                .AsNoTracking()
                .Where(r =>
                    (Open.Contains(r.Status) || (r.Status == RequestStatus.Referred && r.ReferralHelpedAt == null)) && r.EscalationLevel > 0 && r.CoOwners.Contains(me)
                )
        );
        if (filter.Team is not null)
        {
            escalated = escalated.Where(r => filter.TeamIds.Contains(r.TeamId));
        }
        var escalatedSection = await BoardRows.SectionAsync(
            db,
            desk,
            "escalated",
            escalated,
            escalated.OrderByDescending(r => r.EscalationLevel).ThenBy(r => r.Sequence),
            teams,
            r => [.. LevelNote(text, r), .. r.Overdue ? [Missed(text, r, now)] : Array.Empty<string>()],
            Shown,
            ct
        );

        var pending = open.Where(r => r.Status == RequestStatus.HandedOff || r.ExtensionAskedFor != null);
        var receivers = await Names(db, pending.Where(r => r.HandOffToId != null).Select(r => r.HandOffToId!.Value).Take(Shown), ct);
        var pendingSection = await BoardRows.SectionAsync(
            db,
            desk,
            "pending",
            pending,
            pending.OrderBy(r => r.HandOffDueAt ?? r.ResolveBy).ThenBy(r => r.Sequence),
            teams,
            r => Ruling(text, r, receivers),
            Shown,
            ct
        );

        var bounces = await BouncesAsync(db, desk, text, filter, mine, teams, ct);
        var ratings = await RatingsAsync(db, filter, mine, ct);
        var complaints = db.Set<Complaint>()
            .AsNoTracking()
            .Where(c => c.Status == ComplaintStatus.Open && c.StaffTeamId != null && filter.TeamIds.Contains(c.StaffTeamId.Value))
            // Against a member of the board's teams, whatever team the request has since moved to (ADR 0032): the
            // leader answers for their people; only the urgency and category filters apply to the request.
            .Where(c => filter.Narrow(db.Set<ServiceRequest>()).Any(r => r.Id == c.RequestId));
        var complaintCount = await complaints.CountAsync(ct);
        var complaintRows = await complaints
            .OrderBy(c => c.AnswerBy)
            .Take(Shown)
            .Select(c => new OpenComplaint(c.RequestId, c.Number, c.Kind, c.FiledAt, c.AnswerBy, c.Overdue))
            .ToListAsync(ct);
        return new TeamBoard(overdueSection, escalatedSection, pendingSection, bounces, ratings, complaintCount, complaintRows, now);
    }

    /// <summary>The first commitment still unmet whose time has passed; the resolution if the flag came another way.</summary>
    private static string Missed(IStringLocalizer<BoardText> text, ServiceRequest r, DateTime now)
    {
        var (key, due) = r switch
        {
            { Status: RequestStatus.Referred, ReferralFollowUpBy: { } followUp } => ("Missed_Referral", followUp),
            { AcknowledgedAt: null } when r.AcknowledgeBy <= now => ("Missed_Acknowledge", r.AcknowledgeBy),
            { HandOffDueAt: { } h } when h <= now => ("Missed_HandOff", h),
            { ArrivedAt: null } when r.ArriveBy <= now => ("Missed_Arrive", r.ArriveBy),
            _ => ("Missed_Resolve", r.ResolveBy),
        };
        return text[key, Prose.Instant(due)];
    }

    private static IEnumerable<string> LevelNote(IStringLocalizer<BoardText> text, ServiceRequest r) =>
        r.EscalationLevel > 0 ? [text["Level_" + r.EscalationLevel]] : [];

    private static IEnumerable<string> Ruling(IStringLocalizer<BoardText> text, ServiceRequest r, IReadOnlyDictionary<Guid, string> names)
    {
        if (r is { HandOffToId: { } to, HandOffDueAt: { } due })
        {
            yield return text["Pending_HandOff", names.GetValueOrDefault(to, ""), Prose.Instant(due)];
        }
        if (r.ExtensionAskedFor is { } until)
        {
            yield return text["Pending_Extension", Prose.Instant(until)];
        }
    }

    private static Task<Dictionary<Guid, string>> Names(AppDbContext db, IQueryable<Guid> ids, CancellationToken ct) =>
        db.Set<User>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

    /// <summary>
    /// Hand-offs declined and completions rejected in the period, read from the audit log by request (its indexed
    /// subject), among the requests that could have had one then: bounced or reopened at least once, made before the
    /// period ended and not closed before it began.
    /// </summary>
    private static async Task<BoardSection> BouncesAsync(
        AppDbContext db,
        IStringLocalizer<ServiceDeskText> desk,
        IStringLocalizer<BoardText> text,
        BoardFilter f,
        IQueryable<ServiceRequest> mine,
        IReadOnlyDictionary<Guid, string> teams,
        CancellationToken ct
    )
    {
        var candidates = await mine.Where(r =>
                (r.Bounces > 0 || r.Reopened > 0)
                && r.CreatedAt < f.PeriodEnd
                && (r.ConfirmedAt == null || r.ConfirmedAt >= f.PeriodStart)
                && (r.ReferredAt == null || r.ReferredAt >= f.PeriodStart)
            )
            .Select(r => r.Id)
            .ToListAsync(ct);
        var subjects = candidates.Select(id => id.ToString()).ToList();
        var events = await db.Set<AuditEvent>()
            .AsNoTracking()
            .Where(e => e.SubjectType == Intake.SubjectType && subjects.Contains(e.SubjectId) && BounceActions.Contains(e.Action) && e.At >= f.PeriodStart && e.At < f.PeriodEnd)
            .Select(e => new { e.SubjectId, e.Action })
            .ToListAsync(ct);
        var counts = events
            .GroupBy(e => Guid.Parse(e.SubjectId))
            .ToDictionary(g => g.Key, g => (Bounced: g.Count(e => e.Action == BounceActions[0]), Reopened: g.Count(e => e.Action == BounceActions[1])));
        var ids = counts.Keys.ToList();
        var query = db.Set<ServiceRequest>().AsNoTracking().Where(r => ids.Contains(r.Id));
        return await BoardRows.SectionAsync(
            db,
            desk,
            "bounces",
            query,
            query.OrderByDescending(r => r.Key),
            teams,
            r =>
            {
                var (bounced, reopened) = counts[r.Id];
                return [.. bounced > 0 ? [text["Bounced", bounced].Value] : Array.Empty<string>(), .. reopened > 0 ? [text["Reopened", reopened].Value] : Array.Empty<string>()];
            },
            Shown,
            ct
        );
    }

    private static async Task<RatingSummary> RatingsAsync(AppDbContext db, BoardFilter f, IQueryable<ServiceRequest> mine, CancellationToken ct)
    {
        var rated =
            from g in Feedback.Ratings.Real(db).AsNoTracking()
            join r in mine on g.RequestId equals r.Id
            where g.At >= f.PeriodStart && g.At < f.PeriodEnd
            select new { g, r.Number };
        var means = await rated
            .GroupBy(x => 1)
            .Select(x => new
            {
                Count = x.Count(),
                Timeliness = x.Average(y => (double?)y.g.Timeliness),
                Quality = x.Average(y => (double?)y.g.Quality),
                Attitude = x.Average(y => (double?)y.g.Attitude),
                Satisfaction = x.Average(y => (double?)y.g.Satisfaction),
            })
            .SingleOrDefaultAsync(ct);
        var lowest = await rated
            .OrderBy(x => x.g.Timeliness + x.g.Quality + x.g.Attitude + x.g.Satisfaction)
            .ThenByDescending(x => x.g.At)
            .Take(LowestShown)
            .Select(x => new LowRating(x.g.RequestId, x.Number, x.g.Timeliness!.Value, x.g.Quality!.Value, x.g.Attitude!.Value, x.g.Satisfaction!.Value, x.g.Comment, x.g.At))
            .ToListAsync(ct);
        return means is null
            ? new RatingSummary(0, null, null, null, null, [])
            : new RatingSummary(means.Count, means.Timeliness, means.Quality, means.Attitude, means.Satisfaction, lowest);
    }
}
