using Houqin.Infrastructure.Policies;
using System.Globalization;
using Houqin.Features.Accountability;
using Houqin.Infrastructure.Audit;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The escalation ladder (升级/督办): 组长 → 分管主任 → 主任, each added as co-owner and told, each with the policy's
/// time to act on the working clock; not acted on in time, it climbs again; at the director it stops, still flagged.
/// </summary>
public sealed class Ladder(RequestClock clock, RequestTimers timers, RequestNotices notices, AuditLog audit, Policies policies, PastDirectorWatch pastDirector)
{
    public const string System = "system";

    /// <summary>A commitment fell due unmet: the request is flagged overdue and, when the cause calls for it, climbs one rung.</summary>
    public async Task CommitmentMissedAsync(ServiceRequest r, string commitment, LadderCause cause, DateTime now, CancellationToken ct)
    {
        r.MarkOverdue();
        // Who had it at that moment (责任追究制): the scorecards charge a missed arrival to that handler (ADR 0026).
        audit.RecordAs(System, "service_request.overdue", Intake.SubjectType, r.Id, new { r.Number, missed = commitment, owner = r.FirstContactOwnerId, handler = r.HandlerId }, commitment);
        if (cause != LadderCause.None)
        {
            await ClimbAsync(r, cause, commitment + "_overdue", now, ct);
        }
    }

    /// <summary>The rung's time passed and what the ladder waits for has not happened: one rung more (none past the director).</summary>
    public async Task NotActedOnAsync(ServiceRequest r, DateTime now, CancellationToken ct)
    {
        if (r.LadderMayClimb && r.LadderWaitingFor != LadderCause.None)
        {
            await ClimbAsync(r, r.LadderWaitingFor, "not_acted_on", now, ct);
        }
    }

    private async Task ClimbAsync(ServiceRequest r, LadderCause cause, string reason, DateTime now, CancellationToken ct)
    {
        if (r.Climb(await clock.ChainAsync(r, ct), cause) is not { } person)
        {
            // Already with the director, nobody is left to add; a referral's follow-up owed there is watched like
            // any matter at the top (the referral stopped the watch its open work had).
            if (cause == LadderCause.ReferralFollowUp)
            {
                await pastDirector.StartAsync(r, now, ct);
            }
            return;
        }
        audit.RecordAs(
            System,
            "service_request.escalated",
            Intake.SubjectType,
            r.Id,
            new { r.Number, level = r.EscalationLevel, waitingFor = r.LadderWaitingFor.ToString(), coOwner = person },
            reason
        );
        Announce(r, person, reason);
        await RestartRungTimerAsync(r, now, ct);
    }

    /// <summary>Someone on the request escalated it by hand, one rung; an automatic climb under way restarts for the new rung.</summary>
    public async Task EscalatedByHandAsync(ServiceRequest r, Guid person, string reason, DateTime now, CancellationToken ct)
    {
        Announce(r, person, reason);
        await RestartRungTimerAsync(r, now, ct);
    }

    private void Announce(ServiceRequest r, Guid person, string reason) =>
        notices.Tell(
            r,
            "service_request.escalated",
            [person, r.FirstContactOwnerId, r.HandlerId],
            ("level", r.EscalationLevel.ToString(CultureInfo.InvariantCulture)),
            ("reason", reason)
        );

    /// <summary>The new rung's own time to act; the director's rung has none, since nobody is above to climb to.</summary>
    private async Task RestartRungTimerAsync(ServiceRequest r, DateTime now, CancellationToken ct)
    {
        await timers.CancelAsync(RequestTimers.Ladder, r, ct);
        if (r.EscalationLevel >= OfficeChain.TopLevel)
        {
            await pastDirector.StartAsync(r, now, ct);
        }
        if (r.LadderWaitingFor == LadderCause.None || r.EscalationLevel >= OfficeChain.TopLevel)
        {
            return;
        }
        var time = (await policies.DeskAsync(ct)).LadderLevelFor(r.EscalationLevel, r.Urgency);
        timers.Schedule(RequestTimers.Ladder, r, await clock.DueAsync(r, time, now, ct));
    }
}
