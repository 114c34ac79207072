namespace Houqin.Infrastructure.Policies;

/// <summary>
/// Every policy parameter Houqin reads, with today's defaults (PRODUCT.md "Defaults"). A procedure version may
/// carry only these: an unknown key is refused when it is drafted, never discovered at run time.
/// Service commitments are a family: <c>serviceDesk.commitments.{category}.{urgency}.{stage}</c>, where the
/// category is <c>default</c> or an existing category code (a subcategory without its own falls back to its
/// parent's, then to <c>default</c>); normal requests run on office hours, urgent and emergency ones round the clock.
/// </summary>
public static class PolicyCatalog
{
    public const string CommitmentPrefix = "serviceDesk.commitments.";
    public const string DefaultCategory = "default";

    public static readonly string[] Urgencies = ["normal", "urgent", "emergency"];
    public static readonly string[] Stages = ["acknowledge", "arrive", "resolve"];

    /// <summary>Operations that money and goods posts handle with two people (双人双岗).</summary>
    public static readonly IReadOnlyList<string> DualControlOperations =
    [
        "finance.payment",
        "finance.voucher",
        "stores.receipt",
        "stores.issue",
        "stores.stocktake",
        "procurement.bidOpening",
        "procurement.deliveryAcceptance",
    ];

    public static readonly IReadOnlyList<PolicyParameter> Fixed =
    [
        new("serviceDesk.handOff.acceptWithin", PolicyUnit.WorkingTime, "\"PT10M\"", "HandOffAcceptWithin"),
        new("serviceDesk.escalation.teamLeader.actWithin", PolicyUnit.WorkingTime, "\"PT30M\"", "EscalationActWithin", "TeamLeader"),
        new("serviceDesk.escalation.deputyDirector.actWithin", PolicyUnit.WorkingTime, "\"PT30M\"", "EscalationActWithin", "DeputyDirector"),
        new("serviceDesk.escalation.director.actWithin", PolicyUnit.WorkingTime, "\"PT30M\"", "EscalationActWithin", "Director"),
        // How far an approved extension may move the resolve commitment past where it stands (ADR 0031).
        new("serviceDesk.extension.atMost", PolicyUnit.WorkingDays, "\"P30D\"", "ExtensionAtMost"),
        new("serviceDesk.autoConfirm.after", PolicyUnit.WallTime, "\"P7D\"", "AutoConfirmAfter"),
        // How long after a confirmation the requester may rate before the request is counted as "defaulted" (ADR 0023).
        new("serviceDesk.rating.within", PolicyUnit.WallTime, "\"P7D\"", "RatingWithin"),
        new("serviceDesk.complaint.answerWithin", PolicyUnit.WorkingDays, "\"P5D\"", "ComplaintAnswerWithin"),
        new("serviceDesk.referral.followUpWithin", PolicyUnit.WorkingDays, "\"P2D\"", "ReferralFollowUpWithin"),
        new("serviceDesk.returnVisit.atOrBelowRating", PolicyUnit.Count, "2", "ReturnVisitAtOrBelowRating") { Min = 0, Max = 5 },
        new("procurement.tenderThreshold", PolicyUnit.Yuan, "1000", "TenderThreshold"),
        new("procurement.minimumBidders", PolicyUnit.Count, "3", "MinimumBidders") { Min = 1, Max = 50 },
        new("procurement.bidPeriod", PolicyUnit.WallTime, "\"P20D\"", "BidPeriod"),
        new("procurement.publicityPeriod", PolicyUnit.WorkingDays, "\"P3D\"", "PublicityPeriod"),
        new("procurement.splitPurchaseWindow", PolicyUnit.WallTime, "\"P365D\"", "SplitPurchaseWindow"),
        new("authority.teamLeader.approveUpTo", PolicyUnit.Yuan, "500", "ApproveUpTo", "TeamLeader"),
        new("authority.deputyDirector.approveUpTo", PolicyUnit.Yuan, "5000", "ApproveUpTo", "DeputyDirector"),
        new("authority.director.approveUpTo", PolicyUnit.Yuan, "50000", "ApproveUpTo", "Director"),
        new("accountability.answerWithin", PolicyUnit.WorkingDays, "\"P5D\"", "AccusedAnswerWithin"),
        new("accountability.pastDirector.actWithin", PolicyUnit.WorkingTime, "\"PT8H\"", "PastDirectorActWithin"),
        new("accountability.sanction.warning.penaltyPoints", PolicyUnit.Count, "2", "SanctionPoints", "Warning") { Min = 0, Max = 100 },
        new("accountability.sanction.penaltyPoints.max", PolicyUnit.Count, "10", "SanctionMostPoints") { Min = 1, Max = 100 },
        new("accountability.sanction.unfit.penaltyPoints", PolicyUnit.Count, "20", "SanctionPoints", "Unfit") { Min = 0, Max = 100 },
        // Assessment (考核, 奖勤罚懒): the monthly score's weights in points, the deductions per fact, the grades' floors
        // and the reward or penalty each grade carries.
        new("assessment.weight.commitments", PolicyUnit.Count, "30", "AssessmentWeight", "Commitments") { Max = 100 },
        new("assessment.weight.ratings", PolicyUnit.Count, "30", "AssessmentWeight", "Ratings") { Max = 100 },
        new("assessment.weight.checklists", PolicyUnit.Count, "15", "AssessmentWeight", "Checklists") { Max = 100 },
        new("assessment.weight.workLog", PolicyUnit.Count, "10", "AssessmentWeight", "WorkLog") { Max = 100 },
        new("assessment.weight.leaderRating", PolicyUnit.Count, "15", "AssessmentWeight", "LeaderRating") { Max = 100 },
        new("assessment.deduction.rejectedCompletion", PolicyUnit.Count, "2", "AssessmentDeduction", "RejectedCompletion") { Max = 100 },
        new("assessment.deduction.bounce", PolicyUnit.Count, "2", "AssessmentDeduction", "Bounce") { Max = 100 },
        new("assessment.deduction.upheldComplaint", PolicyUnit.Count, "5", "AssessmentDeduction", "UpheldComplaint") { Max = 100 },
        new("assessment.grade.excellentFrom", PolicyUnit.Count, "90", "AssessmentGradeFrom", "Excellent") { Max = 100 },
        new("assessment.grade.competentFrom", PolicyUnit.Count, "75", "AssessmentGradeFrom", "Competent") { Max = 100 },
        new("assessment.grade.basicFrom", PolicyUnit.Count, "60", "AssessmentGradeFrom", "Basic") { Max = 100 },
        new("assessment.reward.excellent", PolicyUnit.Yuan, "500", "AssessmentReward", "Excellent"),
        new("assessment.penalty.unfit", PolicyUnit.Yuan, "300", "AssessmentPenalty", "Unfit"),
        new("dualControl.operations", PolicyUnit.Codes, "[" + string.Join(',', DualControlOperations.Order(StringComparer.Ordinal).Select(o => $"\"{o}\"")) + "]", "DualControlOperations")
        {
            Allowed = DualControlOperations,
        },
    ];

    private static readonly Dictionary<string, PolicyParameter> ByKey = Fixed.ToDictionary(p => p.Key, StringComparer.Ordinal);

    /// <summary>PRODUCT.md's typical commitments (minutes): acknowledge, on site, resolve.</summary>
    private static readonly Dictionary<string, string[]> DefaultCommitments = new(StringComparer.Ordinal)
    {
        ["normal"] = ["PT30M", "P1D", "P3D"],
        ["urgent"] = ["PT30M", "PT2H", "P1D"],
        ["emergency"] = ["PT10M", "PT1H", "P1D"],
    };

    public static string CommitmentKey(string category, string urgency, string stage) => $"{CommitmentPrefix}{category}.{urgency}.{stage}";

    /// <summary>The parameter <paramref name="key"/> names, or null when the code knows no such parameter.</summary>
    /// <param name="categoryExists">Whether a service category code exists, for the commitment family.</param>
    public static PolicyParameter? Find(string key, Func<string, bool> categoryExists)
    {
        if (ByKey.TryGetValue(key, out var p))
        {
            return p;
        }
        if (!key.StartsWith(CommitmentPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = key[CommitmentPrefix.Length..].Split('.');
        if (parts.Length != 3 || !Urgencies.Contains(parts[1]) || !Stages.Contains(parts[2]))
        {
            return null;
        }
        if (parts[0] != DefaultCategory && !categoryExists(parts[0]))
        {
            return null;
        }
        return Commitment(parts[0], parts[1], parts[2]);
    }

    private static PolicyParameter Commitment(string category, string urgency, string stage)
    {
        var unit = urgency == "normal" ? PolicyUnit.WorkingTime : PolicyUnit.WallTime;
        var fallback = DefaultCommitments[urgency][Array.IndexOf(Stages, stage)];
        return new(CommitmentKey(category, urgency, stage), unit, $"\"{fallback}\"", "Commitment", category, urgency, stage) { Min = 1 };
    }

    /// <summary>Every parameter with its default: what a fresh installation runs on, and the demo's version 1.</summary>
    public static IEnumerable<PolicyParameter> Defaults() =>
        Fixed.Concat(Urgencies.SelectMany(u => Stages.Select(s => Commitment(DefaultCategory, u, s))));
}
