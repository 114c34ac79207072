using Houqin.Data;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using DeadlineTimers = Houqin.Infrastructure.Deadlines.Deadlines;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>
/// Plays the history forward in strict time order: the planned steps of every request and the timers they
/// set fire as the sweeper would have fired them, each on the <see cref="HistoryClock"/> moved to its instant.
/// What the sweeper does (overdue, the ladder, auto-confirmation) is done here the way <see cref="Ladder"/>
/// and the deadline handlers do it; each step goes through the request's own method and is audited as its actor.
/// </summary>
internal sealed partial class HistoryRun(AppDbContext db, AuditLog audit, HistoryClock clock, WorkingCalendar calendar, DeskPolicy Policy, Accountability.SanctionScale Sanctions, IReadOnlyDictionary<string, Guid> people, DateTime end)
{
    private sealed record Timer(DateTime Due, DateTime ScheduledAt);

    private readonly PriorityQueue<Func<Task>, (DateTime At, long Order)> queue = new();
    private readonly Dictionary<(Guid Subject, string Kind), Timer> timers = [];
    private long order;

    public int Skipped { get; private set; }

    public int Steps { get; private set; }

    public List<HistoryCase> Cases { get; } = [];

    public Guid Id(string userName) => people[userName];

    /// <summary>Plans something to happen then; anything planned after the end of the history never happens.</summary>
    public void At(DateTime at, Func<Task> step) => queue.Enqueue(step, (at, order++));

    public void At(DateTime at, Action step) =>
        At(at, () =>
        {
            step();
            return Task.CompletedTask;
        });

    /// <summary>A step of one request: refused, it stops that request's story (counted, never half-recorded).</summary>
    public void At(DateTime at, HistoryCase c, Action step) =>
        At(at, () =>
        {
            if (c.Stopped || c.Request is null)
            {
                return;
            }
            try
            {
                step();
                Sync(c.R);
            }
            catch (Exception e) when (e is RequestRuleException or ArgumentException or InvalidFieldException)
            {
                c.Stopped = true;
                Skipped++;
            }
        });

    public async Task RunAsync(CancellationToken ct)
    {
        while (queue.TryPeek(out _, out var when) && when.At <= end)
        {
            var step = queue.Dequeue();
            clock.Now = when.At;
            await step();
            if (++Steps % 400 == 0)
            {
                await db.SaveChangesAsync(ct);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The timers still pending at the end become real deadlines, each created when it was scheduled.</summary>
    public void ScheduleWhatIsPending(DeadlineTimers deadlines)
    {
        foreach (var ((subject, kind), timer) in timers.OrderBy(t => t.Value.ScheduledAt))
        {
            clock.Now = timer.ScheduledAt;
            deadlines.Schedule(kind, subject, timer.Due);
        }
    }

    private void Record(string actor, string action, ServiceRequest r, object? data = null, string? reason = null) =>
        audit.RecordAs(actor, action, Intake.SubjectType, r.Id, data ?? new { r.Number, status = r.Status.ToString() }, reason);

    private void Schedule(Guid subject, string kind, DateTime due, Func<Task> fire)
    {
        var timer = new Timer(due, clock.Now);
        timers[(subject, kind)] = timer;
        At(due, async () =>
        {
            if (timers.TryGetValue((subject, kind), out var current) && ReferenceEquals(current, timer))
            {
                timers.Remove((subject, kind));
                await fire();
            }
        });
    }

    private void Schedule(HistoryCase c, string kind, DateTime due) => Schedule(c.R.Id, kind, due, () => FireAsync(c, kind));

    private void Cancel(Guid subject, string kind) => timers.Remove((subject, kind));

    /// <summary>As <see cref="RequestTimers.SyncAsync"/>: the timers the request's new state satisfies are cancelled.</summary>
    private void Sync(ServiceRequest r)
    {
        foreach (var key in timers.Keys.Where(k => k.Subject == r.Id && RequestTimers.Satisfied(k.Kind, r)).ToList())
        {
            timers.Remove(key);
        }
    }

    private DateTime Due(HistoryCase c, Target target) => target.From(clock.Now, calendar, c.Room.Place).Utc;

    /// <summary>What the deadline handlers do when a request's timer fires.</summary>
    private Task FireAsync(HistoryCase c, string kind)
    {
        var r = c.R;
        var now = clock.Now;
        switch (kind)
        {
            case RequestTimers.Acknowledge when r.IsOpen && r.AcknowledgedAt is null:
                Missed(c, "acknowledge", LadderCause.Acknowledgement);
                break;
            case RequestTimers.Arrive when r.IsOpen && r.ArrivedAt is null:
                r.MissArrival();
                Missed(c, "arrive", LadderCause.None);
                break;
            case RequestTimers.Resolve when r.IsOpen && now >= r.ResolveBy:
                Missed(c, "resolve", LadderCause.Resolution);
                break;
            case RequestTimers.HandOff when r.HandOffToId is not null && now >= r.HandOffDueAt:
                Missed(c, "handoff", LadderCause.HandOffAcceptance);
                break;
            case RequestTimers.ReferralFollowUp when r.AwaitsReferralFollowUp && now >= r.ReferralFollowUpBy:
                Missed(c, "referral", LadderCause.ReferralFollowUp);
                break;
            case RequestTimers.Ladder when r.LadderMayClimb && r.LadderWaitingFor != LadderCause.None:
                Climb(c, r.LadderWaitingFor, "not_acted_on");
                break;
            case RequestTimers.AutoConfirm when r.Status == RequestStatus.Completed:
                r.AutoConfirm(now);
                audit.RecordAs(Ladder.System, "service_request.auto_confirmed", Intake.SubjectType, r.Id, new { r.Number, autoConfirmed = true });
                DefaultRating(r);
                break;
            case RequestTimers.DefaultRating when r.Status == RequestStatus.Confirmed:
                // Pending only while unrated: a rating cancelled it.
                DefaultRating(r);
                break;
            default:
                break;
        }
        Sync(r);
        return Task.CompletedTask;
    }

    /// <summary>As <see cref="Ratings.RecordDefaultAsync"/>: the default for a confirmed request nobody rated.</summary>
    private void DefaultRating(ServiceRequest r)
    {
        db.Add(Rating.Default(r, clock.Now));
        audit.RecordAs(CurrentActor.System, "service_request.default_rated", Intake.SubjectType, r.Id, new { r.Number });
    }

    private void Missed(HistoryCase c, string commitment, LadderCause cause)
    {
        var r = c.R;
        r.MarkOverdue();
        audit.RecordAs(Ladder.System, "service_request.overdue", Intake.SubjectType, r.Id, new { r.Number, missed = commitment }, commitment);
        if (cause != LadderCause.None)
        {
            Climb(c, cause, commitment + "_overdue");
        }
    }

    private void Climb(HistoryCase c, LadderCause cause, string reason)
    {
        var r = c.R;
        if (r.Climb(c.Team.Chain, cause) is not { } person)
        {
            return;
        }
        audit.RecordAs(
            Ladder.System,
            "service_request.escalated",
            Intake.SubjectType,
            r.Id,
            new { r.Number, level = r.EscalationLevel, waitingFor = r.LadderWaitingFor.ToString(), coOwner = person },
            reason
        );
        RestartRung(c);
    }

    private void RestartRung(HistoryCase c)
    {
        var r = c.R;
        Cancel(r.Id, RequestTimers.Ladder);
        if (r.LadderWaitingFor != LadderCause.None && r.EscalationLevel < OfficeChain.TopLevel)
        {
            Schedule(c, RequestTimers.Ladder, Due(c, Policy.LadderLevelFor(r.EscalationLevel, r.Urgency)));
        }
    }
}
