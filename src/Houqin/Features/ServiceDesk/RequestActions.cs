using System.Globalization;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// Every step of a request after intake, for the API and the pages alike: the request's own method decides,
/// then the step schedules and cancels its timers and tells the people concerned, all saved with its audit event
/// in one unit of work by <see cref="RequestSteps.RunAsync"/>.
/// </summary>
public sealed class RequestActions(
    AppDbContext db,
    RequestSteps steps,
    RequestTimers timers,
    RequestClock clock,
    RequestNotices notices,
    Ladder ladder,
    Policies policies,
    Feedback.Ratings ratings,
    Accountability.PastDirectorWatch pastDirector
)
{

    public Task<StepOutcome> AcknowledgeAsync(Guid id, CancellationToken ct) =>
        Run(id, "service_request.acknowledged", (r, by, now) =>
        {
            r.Acknowledge(by, now);
            notices.Tell(r, "service_request.acknowledged", [r.RequesterId]);
        }, ct);

    /// <summary>
    /// To a named staff member, or to a post: whoever is on duty there now, else the post's team leader. Accepted, it
    /// becomes the team's the receiver works in: the post's, or the named person's (ADR 0032); the event says which.
    /// </summary>
    public Task<StepOutcome> HandOffAsync(Guid id, string? toUserName, string? toPostCode, string? reason, CancellationToken ct)
    {
        var to = new Receiver(Guid.Empty, "", null);
        string? toTeam = null;
        return steps.RunAsync(
            id,
            "service_request.handed_off",
            async (r, by, now) =>
            {
                if (!r.IsStaffOnIt(by))
                {
                    throw new RequestRuleException(RequestRuleException.NotYours, "Only the handler, the owner or a co-owner hands the request off.");
                }
                var field = toUserName is null ? "toPostCode" : "toUserName";
                to = await ReceiverAsync(r, toUserName, toPostCode, now, ct);
                var acceptBy = await clock.DueAsync(r, (await policies.DeskAsync(ct)).HandOffAcceptanceFor(r.Urgency), now, ct);
                r.HandOff(by, to.Id, to.Team, reason ?? "", acceptBy, field);
                if (r.HandOffTeamId is { } team)
                {
                    toTeam = await db.Set<Team>().Where(t => t.Id == team).Select(t => t.Code).SingleAsync(ct);
                }
                await timers.RescheduleAsync(RequestTimers.HandOff, r, acceptBy, ct);
                notices.Tell(r, "service_request.handed_off", [to.Id], ("reason", r.HandOffReason!));
            },
            ct,
            reason,
            r => new { r.Number, status = r.Status.ToString(), to = to.UserName, acceptBy = r.HandOffDueAt, toPostCode, toTeam }
        );
    }

    /// <summary>Who receives a hand-off, and the team that answers for the request once they accept it (null: its own).</summary>
    private sealed record Receiver(Guid Id, string UserName, Guid? Team);

    private async Task<Receiver> ReceiverAsync(ServiceRequest r, string? toUserName, string? toPostCode, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(toUserName) == string.IsNullOrWhiteSpace(toPostCode))
        {
            throw new InvalidFieldException("toUserName", "Name either a staff member (toUserName) or a post (toPostCode).");
        }
        if (!string.IsNullOrWhiteSpace(toUserName))
        {
            var name = toUserName.Trim();
            var staff = await (
                from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join role in db.Roles on ur.RoleId equals role.Id
                where u.UserName == name && role.Name == Roles.Staff
                select new { u.Id, u.UserName }
            ).FirstOrDefaultAsync(ct) ?? throw new InvalidFieldException("toUserName", "No office staff member has this user name.");
            // The team of the posts they hold: someone holding none (the deputy director, who may also lead a team
            // without working in it) is asked in person, and the request stays with its team (ADR 0032).
            return new Receiver(staff.Id, staff.UserName ?? name, await OrganisationQueries.WorkingTeamAsync(db, staff.Id, r.TeamId, now, orLed: false, ct));
        }
        var code = toPostCode!.Trim();
        var post = await db.Set<Post>().Where(p => p.Code == code).Select(p => new { p.TeamId }).SingleOrDefaultAsync(ct)
            ?? throw new InvalidFieldException("toPostCode", "No such post.");
        var onDuty = await DutyQueries.WhoIsOnDutyAsync(db, code, now, ct);
        if (onDuty.Count > 0)
        {
            return new Receiver(onDuty[0].UserId, onDuty[0].UserName, post.TeamId);
        }
        var leader = await (
            from t in db.Set<Team>()
            where t.Id == post.TeamId
            from u in db.Users
            where u.Id == t.LeaderId
            select new { u.Id, u.UserName }
        ).SingleOrDefaultAsync(ct) ?? throw new InvalidFieldException("toPostCode", "Nobody is on duty at this post and its team has no leader.");
        return new Receiver(leader.Id, leader.UserName ?? "", post.TeamId);
    }

    /// <summary>
    /// The receiver takes it on. If someone had already been on site, the requester hears that another handler will
    /// come (a pause, if any, ends: ADR 0021); the audit event says which pause ended, and which team the request left
    /// for which when the hand-off moved it (ADR 0032).
    /// </summary>
    public Task<StepOutcome> AcceptHandOffAsync(Guid id, CancellationToken ct)
    {
        string? pauseEnded = null;
        object? teamMoved = null;
        return steps.RunAsync(
            id,
            "service_request.handoff_accepted",
            async (r, by, now) =>
            {
                pauseEnded = r.PauseReason;
                var from = r.TeamId;
                r.AcceptHandOff(by, now);
                if (r.TeamId != from)
                {
                    var codes = await db.Set<Team>().Where(t => t.Id == from || t.Id == r.TeamId).ToDictionaryAsync(t => t.Id, t => t.Code, ct);
                    teamMoved = new { from = codes[from], to = codes[r.TeamId] };
                }
                notices.Tell(r, "service_request.handoff_accepted", [r.FirstContactOwnerId]);
                if (r.ArrivedAt is not null)
                {
                    var handler = await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).SingleAsync(ct);
                    notices.Tell(r, "service_request.handler_changed", [r.RequesterId], ("handler", handler));
                }
            },
            ct,
            data: r => new { r.Number, status = r.Status.ToString(), pauseEnded, teamMoved }
        );
    }

    public Task<StepOutcome> DeclineHandOffAsync(Guid id, string? reason, CancellationToken ct)
    {
        string? pauseEnded = null;
        return Run(id, "service_request.handoff_declined", (r, by, _) =>
        {
            pauseEnded = r.PauseReason;
            r.DeclineHandOff(by, reason ?? "");
            notices.Tell(r, "service_request.handoff_declined", [r.FirstContactOwnerId], ("reason", reason!.Trim()));
        }, ct, reason, r => new { r.Number, status = r.Status.ToString(), bounces = r.Bounces, pauseEnded });
    }

    public Task<StepOutcome> EscalateAsync(Guid id, string? reason, CancellationToken ct) =>
        steps.RunAsync(
            id,
            "service_request.escalated",
            async (r, by, now) =>
            {
                var person = r.EscalateByHand(by, reason ?? "", await clock.ChainAsync(r, ct));
                await ladder.EscalatedByHandAsync(r, person, reason!.Trim(), now, ct);
            },
            ct,
            reason,
            r => new { r.Number, status = r.Status.ToString(), level = r.EscalationLevel, byHand = true }
        );

    /// <summary>On site. After a hand-off from on site this is a later handler's arrival: recorded, the first one kept.</summary>
    public Task<StepOutcome> ArriveAsync(Guid id, CancellationToken ct)
    {
        var again = false;
        return Run(id, "service_request.arrived", (r, by, now) =>
        {
            again = r.ArrivedAt is not null;
            r.ArriveOnSite(by, now);
            notices.Tell(r, "service_request.arrived", [r.RequesterId]);
        }, ct, data: r => new { r.Number, status = r.Status.ToString(), again, firstArrivedAt = r.ArrivedAt });
    }

    public Task<StepOutcome> PauseAsync(Guid id, string? reason, CancellationToken ct) =>
        Run(id, "service_request.paused", (r, by, _) =>
        {
            r.Pause(by, reason ?? "");
            notices.Tell(r, "service_request.paused", [r.RequesterId, r.FirstContactOwnerId], ("reason", r.PauseReason!));
        }, ct, reason);

    public Task<StepOutcome> ResumeAsync(Guid id, CancellationToken ct) =>
        Run(id, "service_request.resumed", (r, by, _) =>
        {
            r.Resume(by);
            notices.Tell(r, "service_request.resumed", [r.RequesterId, r.FirstContactOwnerId]);
        }, ct);

    /// <summary>
    /// Asked before the resolve commitment falls due (else 409 <c>extension_too_late</c>), no further than the policy's
    /// working days past it (else 422 <c>extension_too_far</c>); the team leader rules.
    /// </summary>
    public Task<StepOutcome> AskExtensionAsync(Guid id, string? resolveBy, string? reason, CancellationToken ct) =>
        steps.RunAsync(
            id,
            "service_request.extension_requested",
            async (r, by, now) =>
            {
                r.AskExtension(by, ParseInstant(resolveBy, "resolveBy"), reason ?? "", now, await LatestExtensionAsync(r, ct));
                var chain = await clock.ChainAsync(r, ct);
                notices.Tell(
                    r,
                    "service_request.extension_requested",
                    [chain.RulerFor(by)],
                    ("resolveBy", RequestNotices.Instant(r.ExtensionAskedFor!.Value)),
                    ("reason", r.ExtensionReason!)
                );
            },
            ct,
            reason,
            r => new { r.Number, status = r.Status.ToString(), resolveBy = r.ExtensionAskedFor }
        );

    /// <summary>The latest resolve instant an extension of <paramref name="r"/> may ask for now (the policy's working days past its commitment).</summary>
    public async Task<DateTime> LatestExtensionAsync(ServiceRequest r, CancellationToken ct) =>
        await clock.EndOfWorkingDaysAsync(r.ResolveBy, (await policies.DeskAsync(ct)).ExtensionAtMostWorkingDays, ct);

    public Task<StepOutcome> ApproveExtensionAsync(Guid id, CancellationToken ct) =>
        steps.RunAsync(
            id,
            "service_request.extension_approved",
            async (r, by, now) =>
            {
                r.ApproveExtension(by, await clock.ChainAsync(r, ct));
                await timers.RescheduleAsync(RequestTimers.Resolve, r, r.ResolveBy, ct);
                notices.Tell(
                    r,
                    "service_request.extension_approved",
                    [r.RequesterId, r.HandlerId, r.FirstContactOwnerId],
                    ("resolveBy", RequestNotices.Instant(r.ResolveBy))
                );
            },
            ct,
            data: r => new { r.Number, status = r.Status.ToString(), resolveBy = r.ResolveBy }
        );

    public Task<StepOutcome> RejectExtensionAsync(Guid id, CancellationToken ct) =>
        steps.RunAsync(
            id,
            "service_request.extension_rejected",
            async (r, by, _) =>
            {
                r.RejectExtension(by, await clock.ChainAsync(r, ct));
                notices.Tell(r, "service_request.extension_rejected", [r.RequesterId, r.HandlerId, r.FirstContactOwnerId]);
            },
            ct
        );

    /// <summary>Done on site: the requester is asked to confirm, and the completion confirms itself after the policy's days.</summary>
    public Task<StepOutcome> CompleteAsync(Guid id, string? method, string? result, IReadOnlyList<string>? materials, CancellationToken ct) =>
        steps.RunAsync(
            id,
            "service_request.completed",
            async (r, by, now) =>
            {
                r.Complete(by, method ?? "", result ?? "", materials ?? [], now);
                timers.Schedule(RequestTimers.AutoConfirm, r, now + (await policies.DeskAsync(ct)).AutoConfirmAfter);
                notices.Tell(r, "service_request.completed", [r.RequesterId]);
            },
            ct,
            result
        );

    /// <summary>The requester (or, for a caller without an account, the owner) confirms: the rating window opens (ADR 0023).</summary>
    public Task<StepOutcome> ConfirmAsync(Guid id, CancellationToken ct) =>
        steps.RunAsync(
            id,
            "service_request.confirmed",
            async (r, by, now) =>
            {
                r.Confirm(by, now);
                notices.Tell(r, "service_request.confirmed", [r.FirstContactOwnerId, r.HandlerId]);
                await ratings.ConfirmedAsync(r, now, ct);
            },
            ct
        );

    /// <summary>
    /// The requester says it is not done: it reopens with its handler and the resolve commitment runs again. Reopened
    /// past its instant, the commitment is missed now: its timer falls due at once and the ladder climbs for it, as it
    /// would have had the work not been reported done.
    /// </summary>
    public Task<StepOutcome> RejectCompletionAsync(Guid id, string? reason, CancellationToken ct) =>
        Run(id, "service_request.completion_rejected", (r, by, now) =>
        {
            r.RejectCompletion(by, reason ?? "", now);
            timers.Schedule(RequestTimers.Resolve, r, r.ResolveBy > now ? r.ResolveBy : now);
            notices.Tell(r, "service_request.completion_rejected", [r.FirstContactOwnerId, r.HandlerId], ("reason", reason!.Trim()));
        }, ct, reason, r => new { r.Number, status = r.Status.ToString(), reopened = r.Reopened });

    /// <summary>
    /// Outside the office's remit: closed as a referral naming where the requester was sent. The owner's follow-up is
    /// due at the end of the policy's working days; unrecorded then, the ladder takes it up (ADR 0021).
    /// </summary>
    public Task<StepOutcome> ReferAsync(Guid id, string? referredTo, string? reason, CancellationToken ct)
    {
        RequestView.ExtensionDto? withdrawn = null;
        return steps.RunAsync(
            id,
            "service_request.referred",
            async (r, by, now) =>
            {
                // A pending extension goes with the work it would have extended; the event says which (ADR 0031).
                withdrawn = r.ExtensionAskedFor is { } askedFor ? new RequestView.ExtensionDto(askedFor, r.ExtensionReason) : null;
                var followUpBy = await clock.EndOfWorkingDaysAsync(now, (await policies.DeskAsync(ct)).ReferralFollowUpWorkingDays, ct);
                r.Refer(by, referredTo ?? "", reason ?? "", now, followUpBy);
                timers.Schedule(RequestTimers.ReferralFollowUp, r, followUpBy);
                await pastDirector.StopAsync(r, ct);
                notices.Tell(r, "service_request.referred", [r.RequesterId], ("referredTo", r.ReferredTo!));
            },
            ct,
            referredTo,
            r => new { r.Number, status = r.Status.ToString(), r.ReferredTo, reason = r.ReferralReason, followUpBy = r.ReferralFollowUpBy, extensionWithdrawn = withdrawn }
        );
    }

    /// <summary>The owner (or a co-owner the ladder reached) records that the requester was helped where they were sent.</summary>
    public Task<StepOutcome> ReferralHelpedAsync(Guid id, CancellationToken ct) =>
        Run(id, "service_request.referral_helped", (r, by, now) =>
        {
            r.RecordReferralHelped(by, now);
            notices.Tell(r, "service_request.referral_helped", []);
        }, ct);

    private Task<StepOutcome> Run(Guid id, string action, Action<ServiceRequest, Guid, DateTime> step, CancellationToken ct, string? note = null, Func<ServiceRequest, object>? data = null) =>
        steps.RunAsync(
            id,
            action,
            (r, by, now) =>
            {
                step(r, by, now);
                return Task.CompletedTask;
            },
            ct,
            note,
            data
        );

    private static DateTime ParseInstant(string? value, string field) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && (value ?? "").Contains('T', StringComparison.Ordinal)
            ? at.UtcDateTime
            : throw new InvalidFieldException(field, $"{field} is an ISO 8601 instant such as 2026-12-02T17:00:00+08:00.");
}
