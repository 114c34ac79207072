using Houqin.Infrastructure.Policies;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The service desk's reading of the policy in force (the approved procedure's parameters, ARCHITECTURE.md
/// "Policies"): commitments per category and urgency, how long each rung of the escalation ladder has to act,
/// how long a hand-off may wait, when a completion confirms itself, how complaints are answered.
/// </summary>
public sealed class DeskPolicy(PolicySnapshot policy)
{
    private static readonly string[] Rungs = ["teamLeader", "deputyDirector", "director"];

    public Target HandOffAcceptance => Target.Working(policy.Duration("serviceDesk.handOff.acceptWithin").WorkingMinutes);

    /// <summary>The time to act of the team leader's, the deputy director's and the director's rungs.</summary>
    public IReadOnlyList<Target> LadderLevels =>
        [.. Rungs.Select(r => Target.Working(policy.Duration($"serviceDesk.escalation.{r}.actWithin").WorkingMinutes))];

    public TimeSpan AutoConfirmAfter => policy.Duration("serviceDesk.autoConfirm.after").Wall;

    public int ComplaintAnswerWorkingDays => policy.Duration("serviceDesk.complaint.answerWithin").Days;

    public int ReturnVisitAtOrBelowRating => (int)policy.Count("serviceDesk.returnVisit.atOrBelowRating");

    /// <summary>
    /// A category's commitments for an urgency: its own, else its parent's, else the default. Normal requests run
    /// on office hours, urgent and emergency ones round the clock.
    /// </summary>
    public ServiceCommitment CommitmentFor(string category, string? parent, Urgency urgency)
    {
        var u = urgency.ToString().ToLowerInvariant();
        Target T(string stage)
        {
            var d = policy.Commitment(category, parent, u, stage);
            return urgency == Urgency.Normal ? Target.Working(d.WorkingMinutes) : Target.Always((int)d.Wall.TotalMinutes);
        }
        return new ServiceCommitment(urgency, T("acknowledge"), T("arrive"), T("resolve"));
    }
}

public static class DeskPolicies
{
    /// <summary>The service desk's policy in force now.</summary>
    public static async Task<DeskPolicy> DeskAsync(this Policies policies, CancellationToken ct) => new(await policies.CurrentAsync(ct));
}
