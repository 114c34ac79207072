using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// A request's timer fell due. Each handler checks the request's state again (a step may have satisfied it
/// in the meantime) and acts as "system" in the firing's transaction. Timers falling due together fire as a
/// batch (ADR 0013): the requests and their pending timers are loaded once for the batch, and a firing sees
/// what earlier ones of the batch did to the same request through the change tracker.
/// </summary>
public abstract class RequestDeadlineHandler(AppDbContext db, TimeProvider clock) : IBatchedDeadlineHandler
{
    public abstract string Kind { get; }

    public async Task PrepareAsync(IReadOnlyList<Deadline> due, IServiceProvider services, CancellationToken ct)
    {
        var ids = due.Select(d => d.SubjectId).Distinct().ToList();
        // One view for all: each `Local` detects changes across everything the run tracks.
        var tracked = db.Set<ServiceRequest>().Local;
        var missing = ids.Where(id => tracked.FindEntry(id) is null).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            await db.Set<ServiceRequest>().Where(r => chunk.Contains(r.Id)).LoadAsync(ct);
        }
        await services.GetRequiredService<Houqin.Infrastructure.Deadlines.Deadlines>().LoadPendingAsync(ids, ct);
        // Each firing may set a timer on its room's working clock: the batch's rooms in one query, not one a firing.
        await services.GetRequiredService<RequestClock>().LoadPlacesAsync(ids.Select(id => tracked.FindEntry(id)?.Entity.RoomId).OfType<Guid>(), ct);
    }

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        var r = await db.Set<ServiceRequest>().FindAsync([deadline.SubjectId], ct);
        if (r is not null)
        {
            await FireAsync(r, clock.GetUtcNow().UtcDateTime, ct);
        }
    }

    protected abstract Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct);
}

/// <summary>Not acknowledged in time: overdue, and the ladder climbs until someone acknowledges (or accepts a hand-off).</summary>
public sealed class AcknowledgeOverdue(AppDbContext db, TimeProvider clock, Ladder ladder) : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.Acknowledge;

    protected override Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct) =>
        r.IsOpen && r.AcknowledgedAt is null ? ladder.CommitmentMissedAsync(r, "acknowledge", LadderCause.Acknowledgement, now, ct) : Task.CompletedTask;
}

/// <summary>
/// Nobody on site in time: the handler of the moment answers for it (ADR 0026), and it is flagged overdue without a
/// climb (the resolve commitment climbs if the work stays undone).
/// </summary>
public sealed class ArriveOverdue(AppDbContext db, TimeProvider clock, Ladder ladder) : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.Arrive;

    protected override Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct)
    {
        if (!r.IsOpen || r.ArrivedAt is not null)
        {
            return Task.CompletedTask;
        }
        r.MissArrival();
        return ladder.CommitmentMissedAsync(r, "arrive", LadderCause.None, now, ct);
    }
}

/// <summary>Not resolved in time: overdue, and the ladder climbs until it is completed (or an extension is approved).</summary>
public sealed class ResolveOverdue(AppDbContext db, TimeProvider clock, Ladder ladder) : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.Resolve;

    protected override Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct) =>
        r.IsOpen && now >= r.ResolveBy ? ladder.CommitmentMissedAsync(r, "resolve", LadderCause.Resolution, now, ct) : Task.CompletedTask;
}

/// <summary>The receiver neither accepted nor declined in time: overdue, and the ladder climbs until the hand-off is settled.</summary>
public sealed class HandOffOverdue(AppDbContext db, TimeProvider clock, Ladder ladder) : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.HandOff;

    protected override Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct) =>
        r.HandOffToId is not null && now >= r.HandOffDueAt ? ladder.CommitmentMissedAsync(r, "handoff", LadderCause.HandOffAcceptance, now, ct) : Task.CompletedTask;
}

/// <summary>
/// A referral's follow-up fell due and nobody recorded that the requester was helped: the owner is reminded, the request
/// is flagged overdue, and the ladder takes it to the team leader (and on up, rung by rung, until someone records it).
/// </summary>
public sealed class ReferralFollowUpOverdue(AppDbContext db, TimeProvider clock, Ladder ladder, RequestNotices notices) : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.ReferralFollowUp;

    protected override async Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct)
    {
        if (!r.AwaitsReferralFollowUp || now < r.ReferralFollowUpBy)
        {
            return;
        }
        notices.Tell(r, "service_request.referral_follow_up_due", [r.FirstContactOwnerId], ("referredTo", r.ReferredTo!));
        await ladder.CommitmentMissedAsync(r, "referral", LadderCause.ReferralFollowUp, now, ct);
    }
}

/// <summary>The rung's time to act passed: climb again if what the ladder waits for still has not happened.</summary>
public sealed class RungTimeUp(AppDbContext db, TimeProvider clock, Ladder ladder) : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.Ladder;

    protected override Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct) => ladder.NotActedOnAsync(r, now, ct);
}

/// <summary>The requester did not confirm or reject within the policy's days: the completion confirms itself, marked auto.</summary>
public sealed class AutoConfirmation(AppDbContext db, TimeProvider clock, AuditLog audit, RequestNotices notices, IServiceProvider services)
    : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.AutoConfirm;

    protected override async Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct)
    {
        if (r.Status != RequestStatus.Completed)
        {
            return;
        }
        r.AutoConfirm(now);
        audit.RecordAs(Ladder.System, "service_request.auto_confirmed", Intake.SubjectType, r.Id, new { r.Number, autoConfirmed = true });
        notices.Tell(r, "service_request.auto_confirmed", [r.FirstContactOwnerId, r.HandlerId]);
        // The requester too, in their own words: the request is closed without them, and their rating is still wanted (ADR 0023).
        notices.Tell(r, RequestNotices.AutoConfirmedForYou, [r.RequesterId]);
        // Unrated when it confirmed itself: the default rating, marked as such and never counted as a real one.
        await services.GetRequiredService<Feedback.Ratings>().RecordDefaultAsync(r, ct);
    }
}

/// <summary>
/// The rating window of a request confirmed by hand closed and nobody rated it: the default rating, marked as such,
/// so it is counted as defaulted rather than lost from the figures (ADR 0023). A rating given meanwhile cancelled this.
/// </summary>
public sealed class RatingWindowClosed(AppDbContext db, TimeProvider clock, IServiceProvider services) : RequestDeadlineHandler(db, clock)
{
    public override string Kind => RequestTimers.DefaultRating;

    protected override async Task FireAsync(ServiceRequest r, DateTime now, CancellationToken ct)
    {
        if (r.Status == RequestStatus.Confirmed)
        {
            await services.GetRequiredService<Feedback.Ratings>().RecordDefaultAsync(r, ct);
        }
    }
}
