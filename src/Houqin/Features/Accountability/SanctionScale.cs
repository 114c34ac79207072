using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Policies;

namespace Houqin.Features.Accountability;

/// <summary>
/// The procedure's scale of sanctions as the policy in force prices them: a warning and an "unfit" grade carry fixed
/// points, a penalty of points is the decider's choice up to the most the procedure allows.
/// </summary>
public sealed class SanctionScale(PolicySnapshot policy)
{
    public const string WarningKey = "accountability.sanction.warning.penaltyPoints";
    public const string MostPointsKey = "accountability.sanction.penaltyPoints.max";
    public const string UnfitKey = "accountability.sanction.unfit.penaltyPoints";
    public const string AnswerWithinKey = "accountability.answerWithin";
    public const string PastDirectorKey = "accountability.pastDirector.actWithin";

    public int WarningPoints => (int)policy.Count(WarningKey);

    public int MostPoints => (int)policy.Count(MostPointsKey);

    public int UnfitPoints => (int)policy.Count(UnfitKey);

    /// <summary>The working days the accused have to answer in writing, counted from the investigator's assignment.</summary>
    public int AnswerWorkingDays => policy.Duration(AnswerWithinKey).Days;

    /// <summary>How long the director's rung has to see a commitment met before a case opens.</summary>
    public Target PastDirector => Target.Working(policy.Duration(PastDirectorKey).WorkingMinutes);

    /// <summary>The points a decision carries; a dismissal carries none and a finding against someone carries a sanction.</summary>
    public int PointsFor(CaseDecision decision, Sanction sanction, int? points)
    {
        if (decision == CaseDecision.Dismissed)
        {
            return sanction == Sanction.None ? 0 : throw new InvalidFieldException("sanction", "A dismissed case carries no sanction.");
        }
        return sanction switch
        {
            Sanction.None => throw new InvalidFieldException("sanction", "A case upheld, even in part, carries a sanction from the procedure's scale."),
            Sanction.Warning => WarningPoints,
            Sanction.Unfit => UnfitPoints,
            _ => points is { } p && p >= 1 && p <= MostPoints
                ? p
                : throw new InvalidFieldException("penaltyPoints", $"penaltyPoints is a whole number from 1 to {MostPoints}."),
        };
    }
}

public static class SanctionScales
{
    public static async Task<SanctionScale> SanctionsAsync(this Policies policies, CancellationToken ct) => new(await policies.CurrentAsync(ct));
}
