using Houqin.Infrastructure.Policies;

namespace Houqin.Features.Assessment;

/// <summary>The grades of a month (优秀 / 称职 / 基本称职 / 不称职).</summary>
public enum Grade
{
    Excellent,
    Competent,
    Basic,
    Unfit,
}

/// <summary>
/// How a month's facts become a score (奖勤罚懒), read from the procedure in force (ADR 0012): each measured part
/// (commitments kept, requesters' ratings, checklists done, work-log days closed, the leader's rating) counts with its
/// weight, over the parts that have something to measure; deductions per rejected completion, declined hand-off and
/// upheld complaint, and a decided case's penalty points, come off; the grade follows from the floors, except that an
/// "unfit" sanction makes the month unfit whatever the score.
/// </summary>
public sealed class ScoreRules(PolicySnapshot policy)
{
    public sealed record Part(long Weight, double? Fraction);

    public sealed record Deductions(int RejectedCompletions, int Bounces, int UpheldComplaints, int PenaltyPoints);

    public long CommitmentsWeight => policy.Count("assessment.weight.commitments");

    public long RatingsWeight => policy.Count("assessment.weight.ratings");

    public long ChecklistsWeight => policy.Count("assessment.weight.checklists");

    public long WorkLogWeight => policy.Count("assessment.weight.workLog");

    public long LeaderRatingWeight => policy.Count("assessment.weight.leaderRating");

    /// <summary>The score out of 100 (one decimal), or null when nothing in the month could be measured.</summary>
    public decimal? Score(IReadOnlyList<Part> parts, Deductions d)
    {
        var measured = parts.Where(p => p.Fraction is not null && p.Weight > 0).ToList();
        var weight = measured.Sum(p => p.Weight);
        if (weight == 0)
        {
            return null;
        }
        var earned = measured.Sum(p => p.Weight * p.Fraction!.Value) / weight * 100;
        var deducted =
            d.RejectedCompletions * policy.Count("assessment.deduction.rejectedCompletion")
            + d.Bounces * policy.Count("assessment.deduction.bounce")
            + d.UpheldComplaints * policy.Count("assessment.deduction.upheldComplaint")
            + d.PenaltyPoints;
        return Math.Round((decimal)Math.Clamp(earned - deducted, 0, 100), 1, MidpointRounding.AwayFromZero);
    }

    public Grade? GradeOf(decimal? score, bool unfitSanction) =>
        unfitSanction ? Grade.Unfit
        : score is not { } s ? null
        : s >= policy.Count("assessment.grade.excellentFrom") ? Grade.Excellent
        : s >= policy.Count("assessment.grade.competentFrom") ? Grade.Competent
        : s >= policy.Count("assessment.grade.basicFrom") ? Grade.Basic
        : Grade.Unfit;

    /// <summary>The money the grade carries: a reward (positive) for excellent, a penalty (negative) for unfit.</summary>
    public decimal RewardOf(Grade? grade) =>
        grade switch
        {
            Grade.Excellent => policy.Yuan("assessment.reward.excellent"),
            Grade.Unfit => -policy.Yuan("assessment.penalty.unfit"),
            _ => 0,
        };
}
