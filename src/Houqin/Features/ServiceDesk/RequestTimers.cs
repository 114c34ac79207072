using DeadlineTimers = Houqin.Infrastructure.Deadlines.Deadlines;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// A request's timers: its three commitments, a pending hand-off, the ladder's current rung, auto-confirmation, a
/// referral's follow-up and, once confirmed, the end of the rating window.
/// Every step ends by cancelling the timers its new state satisfies, in the step's own unit of work.
/// </summary>
public sealed class RequestTimers(DeadlineTimers deadlines)
{
    public const string Acknowledge = "service_request.acknowledge";
    public const string Arrive = "service_request.arrive";
    public const string Resolve = "service_request.resolve";
    public const string HandOff = "service_request.handoff";
    public const string Ladder = "service_request.ladder";
    public const string AutoConfirm = "service_request.auto_confirm";
    public const string ReferralFollowUp = "service_request.referral_follow_up";

    /// <summary>The rating window closes: a request still unrated gets its default rating (ADR 0023).</summary>
    public const string DefaultRating = "service_request.default_rating";

    /// <summary>At intake: the acknowledge, arrive and resolve commitments.</summary>
    public void ScheduleCommitments(ServiceRequest r)
    {
        deadlines.Schedule(Acknowledge, r.Id, r.AcknowledgeBy);
        deadlines.Schedule(Arrive, r.Id, r.ArriveBy);
        deadlines.Schedule(Resolve, r.Id, r.ResolveBy);
    }

    public void Schedule(string kind, ServiceRequest r, DateTime due) => deadlines.Schedule(kind, r.Id, due);

    /// <summary>Replaces the request's pending timer of this kind (if any) with one due then.</summary>
    public async Task RescheduleAsync(string kind, ServiceRequest r, DateTime due, CancellationToken ct)
    {
        await deadlines.CancelAsync(kind, r.Id, ct);
        deadlines.Schedule(kind, r.Id, due);
    }

    public Task CancelAsync(string kind, ServiceRequest r, CancellationToken ct) => deadlines.CancelAsync(kind, r.Id, ct);

    /// <summary>Cancels the pending timers that the request's state now satisfies.</summary>
    public async Task SyncAsync(ServiceRequest r, CancellationToken ct)
    {
        var pending = (await deadlines.PendingForAsync(r.Id, ct)).Select(d => d.Kind).Distinct(StringComparer.Ordinal).ToList();
        foreach (var kind in pending.Where(k => Satisfied(k, r)))
        {
            await deadlines.CancelAsync(kind, r.Id, ct);
        }
    }

    internal static bool Satisfied(string kind, ServiceRequest r) =>
        kind switch
        {
            Acknowledge => r.AcknowledgedAt is not null || !r.IsOpen,
            Arrive => r.ArrivedAt is not null || !r.IsOpen,
            Resolve => !r.IsOpen,
            HandOff => r.HandOffToId is null,
            Ladder => r.LadderWaitingFor == LadderCause.None || !r.LadderMayClimb,
            AutoConfirm => r.Status != RequestStatus.Completed,
            ReferralFollowUp => !r.AwaitsReferralFollowUp,
            // Only a rating satisfies it, and a rating is not the request's state: Ratings.RateAsync cancels it.
            DefaultRating => false,
            _ => false,
        };
}
