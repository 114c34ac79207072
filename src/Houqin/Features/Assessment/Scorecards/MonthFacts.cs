using Houqin.Data;
using Houqin.Features.Accountability;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>Requests behind one count: how many, and (for one person's card) which.</summary>
public sealed class Tally
{
    public int Count { get; private set; }

    public int Kept { get; private set; }

    public List<Guid> RequestIds { get; } = [];

    public void Add(int count, int kept)
    {
        Count += count;
        Kept += kept;
    }

    public void Add(Guid requestId, bool kept)
    {
        Add(1, kept ? 1 : 0);
        RequestIds.Add(requestId);
    }
}

/// <summary>What one person's month measured, before it is weighed (<see cref="ScoreRules"/>).</summary>
public sealed class PersonFacts
{
    public Tally Acknowledge { get; } = new();
    public Tally Arrive { get; } = new();
    public Tally Resolve { get; } = new();
    public Tally Ratings { get; } = new();

    /// <summary>Sums of the four dimensions over <see cref="Ratings"/>: timeliness, quality, attitude, satisfaction.</summary>
    public long[] RatingSums { get; } = new long[4];
    public Tally RejectedCompletions { get; } = new();
    public Tally Bounces { get; } = new();
    public Tally UpheldComplaints { get; } = new();
    public Tally SelfEvaluations { get; } = new();

    /// <summary>Sum over <see cref="SelfEvaluations"/> of (own mean − requester's mean), in rating points.</summary>
    public double SelfGapSum { get; set; }
    public int ChecklistsDone { get; set; }
    public int ChecklistsMissed { get; set; }
    public int DaysClosed { get; set; }
    public int WorkingDays { get; set; }
    public int PenaltyPoints { get; set; }
    public bool UnfitSanction { get; set; }
    public List<Guid> CaseIds { get; } = [];
}

/// <summary>
/// A month's facts per person, read straight from the rows the office's work left behind (ADR 0012): commitments in
/// the month they fall due (acknowledging to the first-contact owner, resolving to the handler, on site to whoever
/// answers for it: the handler when it was missed, else whoever came first, else the handler — ADR 0026; a
/// commitment counts once it is kept or its instant has passed), real ratings given in the month (to the request's
/// handler), completions rejected and hand-offs declined (the audit log), complaints the deputy upheld unless their
/// case was dismissed, decided cases' penalty points, checklist items done and missed, work-log days closed. Counts are
/// made in the database for many people at once; for one person the requests behind each count come back too.
/// </summary>
public static class MonthFacts
{
    private const string Rejected = "service_request.completion_rejected";
    private const string Declined = "service_request.handoff_declined";

    /// <param name="person">One person (with the requests behind each count), or null for everyone.</param>
    public static async Task<Dictionary<Guid, PersonFacts>> LoadAsync(
        AppDbContext db,
        AssessmentMonth month,
        DateTime now,
        Guid? person,
        CancellationToken ct
    )
    {
        var facts = new Dictionary<Guid, PersonFacts>();
        PersonFacts Of(Guid id) => facts.TryGetValue(id, out var f) ? f : facts[id] = new PersonFacts();
        var (start, end) = (month.FromUtc, month.ToUtc);
        var requests = db.Set<ServiceRequest>().AsNoTracking().Where(r => r.Status != RequestStatus.Referred);

        var acknowledge = requests.Where(r => r.AcknowledgeBy >= start && r.AcknowledgeBy < end && (r.AcknowledgedAt != null || r.AcknowledgeBy <= now));
        var arrive = requests.Where(r =>
            r.ArriveBy >= start && r.ArriveBy < end && (r.ArrivedAt != null || r.CompletedAt != null || r.ArriveBy <= now)
        );
        var resolve = requests.Where(r => r.ResolveBy >= start && r.ResolveBy < end && (r.CompletedAt != null || r.ResolveBy <= now));
        if (person is { } one)
        {
            foreach (var r in await acknowledge.Where(r => r.FirstContactOwnerId == one).Select(r => new { r.Id, Kept = r.AcknowledgedAt <= r.AcknowledgeBy }).ToListAsync(ct))
            {
                Of(one).Acknowledge.Add(r.Id, r.Kept);
            }
            foreach (var r in await arrive.Where(r => (r.ArriveMissedById ?? r.ArrivedById ?? r.HandlerId) == one).Select(r => new { r.Id, Kept = (r.ArrivedAt ?? r.CompletedAt) <= r.ArriveBy }).ToListAsync(ct))
            {
                Of(one).Arrive.Add(r.Id, r.Kept);
            }
            foreach (var r in await resolve.Where(r => r.HandlerId == one).Select(r => new { r.Id, Kept = r.CompletedAt <= r.ResolveBy }).ToListAsync(ct))
            {
                Of(one).Resolve.Add(r.Id, r.Kept);
            }
        }
        else
        {
            foreach (var g in await acknowledge.GroupBy(r => r.FirstContactOwnerId).Select(g => new { g.Key, N = g.Count(), Kept = g.Count(r => r.AcknowledgedAt <= r.AcknowledgeBy) }).ToListAsync(ct))
            {
                Of(g.Key).Acknowledge.Add(g.N, g.Kept);
            }
            foreach (var g in await arrive.GroupBy(r => r.ArriveMissedById ?? r.ArrivedById ?? r.HandlerId).Select(g => new { g.Key, N = g.Count(), Kept = g.Count(r => (r.ArrivedAt ?? r.CompletedAt) <= r.ArriveBy) }).ToListAsync(ct))
            {
                Of(g.Key).Arrive.Add(g.N, g.Kept);
            }
            foreach (var g in await resolve.GroupBy(r => r.HandlerId).Select(g => new { g.Key, N = g.Count(), Kept = g.Count(r => r.CompletedAt <= r.ResolveBy) }).ToListAsync(ct))
            {
                Of(g.Key).Resolve.Add(g.N, g.Kept);
            }
        }

        await RatingsAsync(db, start, end, person, Of, ct);
        await EventsAsync(db, start, end, person, Of, ct);
        await ComplaintsAndCasesAsync(db, start, end, person, Of, ct);
        await DaysAsync(db, month, person, Of, ct);
        return facts;
    }

    private static async Task RatingsAsync(AppDbContext db, DateTime start, DateTime end, Guid? person, Func<Guid, PersonFacts> of, CancellationToken ct)
    {
        var rated =
            from g in Ratings.Real(db).AsNoTracking()
            join r in db.Set<ServiceRequest>() on g.RequestId equals r.Id
            where g.At >= start && g.At < end
            select new { r.HandlerId, g.RequestId, g.Timeliness, g.Quality, g.Attitude, g.Satisfaction };
        var evaluated =
            from g in Ratings.Real(db).AsNoTracking()
            join s in db.Set<SelfEvaluation>() on g.RequestId equals s.RequestId
            where g.At >= start && g.At < end
            select new
            {
                s.EvaluatorId,
                g.RequestId,
                Gap = (s.Timeliness + s.Quality + s.Attitude + s.Satisfaction) - (g.Timeliness + g.Quality + g.Attitude + g.Satisfaction),
            };
        if (person is { } one)
        {
            foreach (var g in await rated.Where(x => x.HandlerId == one).ToListAsync(ct))
            {
                var f = of(one);
                f.Ratings.Add(g.RequestId, true);
                AddSums(f, g.Timeliness ?? 0, g.Quality ?? 0, g.Attitude ?? 0, g.Satisfaction ?? 0);
            }
            foreach (var g in await evaluated.Where(x => x.EvaluatorId == one).ToListAsync(ct))
            {
                of(one).SelfEvaluations.Add(g.RequestId, true);
                of(one).SelfGapSum += (g.Gap ?? 0) / 4.0;
            }
            return;
        }
        var sums = await rated
            .GroupBy(x => x.HandlerId)
            .Select(g => new
            {
                g.Key,
                N = g.Count(),
                T = g.Sum(x => x.Timeliness ?? 0),
                Q = g.Sum(x => x.Quality ?? 0),
                A = g.Sum(x => x.Attitude ?? 0),
                S = g.Sum(x => x.Satisfaction ?? 0),
            })
            .ToListAsync(ct);
        foreach (var g in sums)
        {
            of(g.Key).Ratings.Add(g.N, g.N);
            AddSums(of(g.Key), g.T, g.Q, g.A, g.S);
        }
        foreach (var g in await evaluated.GroupBy(x => x.EvaluatorId).Select(g => new { g.Key, N = g.Count(), Gap = g.Sum(x => x.Gap ?? 0) }).ToListAsync(ct))
        {
            of(g.Key).SelfEvaluations.Add(g.N, g.N);
            of(g.Key).SelfGapSum += g.Gap / 4.0;
        }
    }

    private static void AddSums(PersonFacts f, long t, long q, long a, long s)
    {
        f.RatingSums[0] += t;
        f.RatingSums[1] += q;
        f.RatingSums[2] += a;
        f.RatingSums[3] += s;
    }

    /// <summary>
    /// Rejected completions (the request's handler answers for them) and declined hand-offs (whoever declined), from
    /// the audit log: few rows a month, read by their action and time.
    /// </summary>
    private static async Task EventsAsync(AppDbContext db, DateTime start, DateTime end, Guid? person, Func<Guid, PersonFacts> of, CancellationToken ct)
    {
        var events = await db.Set<AuditEvent>()
            .AsNoTracking()
            .Where(e => (e.Action == Rejected || e.Action == Declined) && e.At >= start && e.At < end && e.SubjectType == Intake.SubjectType)
            .Select(e => new { e.Action, e.Actor, e.SubjectId })
            .ToListAsync(ct);
        var rejected = events.Where(e => e.Action == Rejected).Select(e => Guid.TryParse(e.SubjectId, out var id) ? id : Guid.Empty).ToList();
        var handlers = await db.Set<ServiceRequest>().Where(r => rejected.Contains(r.Id)).Select(r => new { r.Id, r.HandlerId }).ToDictionaryAsync(r => r.Id, r => r.HandlerId, ct);
        foreach (var id in rejected.Where(handlers.ContainsKey))
        {
            if (person is null || handlers[id] == person)
            {
                of(handlers[id]).RejectedCompletions.Add(id, true);
            }
        }
        var declinedBy = events.Where(e => e.Action == Declined).Select(e => e.Actor).Distinct().ToList();
        var users = await db.Users.Where(u => declinedBy.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        foreach (var e in events.Where(e => e.Action == Declined && users.ContainsKey(e.Actor)))
        {
            if ((person is null || users[e.Actor] == person) && Guid.TryParse(e.SubjectId, out var id))
            {
                of(users[e.Actor]).Bounces.Add(id, true);
            }
        }
    }

    /// <summary>
    /// Complaints the deputy answered as upheld in the month, unless the case opened from them was dismissed (or
    /// overturned on appeal); and cases decided in the month against the person: their penalty points and any
    /// "unfit" sanction.
    /// </summary>
    private static async Task ComplaintsAndCasesAsync(AppDbContext db, DateTime start, DateTime end, Guid? person, Func<Guid, PersonFacts> of, CancellationToken ct)
    {
        var cases = db.Set<AccountabilityCase>();
        var complaints = db.Set<Complaint>()
            .AsNoTracking()
            .Where(c => c.Upheld == true && c.AnsweredAt >= start && c.AnsweredAt < end)
            .Where(c => !cases.Any(k => k.ComplaintId == c.Id && k.Decision == CaseDecision.Dismissed));
        if (person is { } one)
        {
            complaints = complaints.Where(c => c.StaffId == one);
        }
        foreach (var c in await complaints.Select(c => new { c.StaffId, c.RequestId }).ToListAsync(ct))
        {
            of(c.StaffId).UpheldComplaints.Add(c.RequestId, true);
        }

        var decided = await cases
            .AsNoTracking()
            .Where(k => (k.Decision == CaseDecision.Upheld || k.Decision == CaseDecision.PartlyUpheld) && k.DecidedAt >= start && k.DecidedAt < end)
            .Select(k => new { k.Id, k.PenaltyPoints, k.Sanction, Accused = k.Accused.Select(a => a.UserId).ToList() })
            .ToListAsync(ct);
        foreach (var k in decided)
        {
            foreach (var accused in k.Accused.Where(a => person is null || a == person))
            {
                var f = of(accused);
                f.PenaltyPoints += k.PenaltyPoints;
                f.UnfitSanction |= k.Sanction == Sanction.Unfit;
                f.CaseIds.Add(k.Id);
            }
        }
    }

    private static async Task DaysAsync(AppDbContext db, AssessmentMonth month, Guid? person, Func<Guid, PersonFacts> of, CancellationToken ct)
    {
        var (first, end) = (month.FirstDay, month.EndDay);
        var items = db.Set<ChecklistItem>().AsNoTracking().Where(i => i.Date >= first && i.Date < end && i.Status != ItemStatus.Open);
        var days = db.Set<WorkLogDay>().AsNoTracking().Where(d => d.Date >= first && d.Date < end && d.ClosedAt != null);
        if (person is { } one)
        {
            items = items.Where(i => i.UserId == one);
            days = days.Where(d => d.UserId == one);
        }
        var counts = await items
            .GroupBy(i => i.UserId)
            .Select(g => new { g.Key, Done = g.Count(i => i.Status == ItemStatus.Done), Missed = g.Count(i => i.Status == ItemStatus.Missed) })
            .ToListAsync(ct);
        foreach (var c in counts)
        {
            of(c.Key).ChecklistsDone += c.Done;
            of(c.Key).ChecklistsMissed += c.Missed;
        }
        foreach (var d in await days.GroupBy(d => d.UserId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        {
            of(d.Key).DaysClosed += d.N;
        }
    }
}
