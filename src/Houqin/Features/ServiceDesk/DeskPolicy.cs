using Houqin.Infrastructure.Policies;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The service desk's reading of the policy in force (the approved procedure's parameters, ARCHITECTURE.md
/// "Policies"): commitments per category and urgency, how long each rung of the escalation ladder has to act,
/// how long a hand-off may wait, when a completion confirms itself, how complaints are answered, how soon a
/// referral is followed up.
/// </summary>
public sealed class DeskPolicy(PolicySnapshot policy)
{
    private static readonly string[] Rungs = ["teamLeader", "deputyDirector", "director"];

    /// <summary>How long a hand-off may wait for its receiver, on the request's own clock (<see cref="On"/>).</summary>
    public Target HandOffAcceptanceFor(Urgency urgency) => On(urgency, policy.Duration("serviceDesk.handOff.acceptWithin"));

    /// <summary>The time to act of the team leader's (1), the deputy director's (2) or the director's (3) rung, on the request's own clock.</summary>
    public Target LadderLevelFor(int level, Urgency urgency) => On(urgency, policy.Duration($"serviceDesk.escalation.{Rungs[level - 1]}.actWithin"));

    /// <summary>Whole working days an extension may add to the resolve commitment where it stands.</summary>
    public int ExtensionAtMostWorkingDays => policy.Duration("serviceDesk.extension.atMost").Days;

    public TimeSpan AutoConfirmAfter => policy.Duration("serviceDesk.autoConfirm.after").Wall;

    /// <summary>How long after a confirmation by hand the requester may rate before the default rating is recorded.</summary>
    public TimeSpan RatingWindow => policy.Duration("serviceDesk.rating.within").Wall;

    public int ComplaintAnswerWorkingDays => policy.Duration("serviceDesk.complaint.answerWithin").Days;

    /// <summary>Whole working days the owner has, after a referral, to record that the requester was helped there.</summary>
    public int ReferralFollowUpWorkingDays => policy.Duration("serviceDesk.referral.followUpWithin").Days;

    public int ReturnVisitAtOrBelowRating => (int)policy.Count("serviceDesk.returnVisit.atOrBelowRating");

    /// <summary>A category's commitments for an urgency: its own, else its parent's, else the default.</summary>
    public ServiceCommitment CommitmentFor(string category, string? parent, Urgency urgency)
    {
        var u = urgency.ToString().ToLowerInvariant();
        Target T(string stage) => On(urgency, policy.Commitment(category, parent, u, stage));
        return new ServiceCommitment(urgency, T("acknowledge"), T("arrive"), T("resolve"));
    }

    /// <summary>
    /// A request's clock: a normal one runs on office hours; an urgent or emergency one runs round the clock, and so do
    /// its hand-offs and its ladder, so a burst pipe handed off on a Saturday night does not wait for Monday.
    /// </summary>
    private static Target On(Urgency urgency, PolicyDuration d) =>
        urgency == Urgency.Normal ? Target.Working(d.WorkingMinutes) : Target.Always((int)d.Wall.TotalMinutes);
}

public static class DeskPolicies
{
    /// <summary>The service desk's policy in force now.</summary>
    public static async Task<DeskPolicy> DeskAsync(this Policies policies, CancellationToken ct) => new(await policies.CurrentAsync(ct));
}
