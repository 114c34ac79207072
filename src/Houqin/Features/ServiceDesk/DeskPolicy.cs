namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The service desk's rules beyond the per-category commitments: how long each rung of the escalation ladder
/// has to act, how long a hand-off may wait, when a completion confirms itself, how complaints are answered.
/// The procedures issue (4) turns these into parameters of the procedure in force; until then
/// <see cref="Defaults"/> carries PRODUCT.md's typical values. Code reads a policy, never a constant.
/// </summary>
public sealed record DeskPolicy(
    Target HandOffAcceptance,
    IReadOnlyList<Target> LadderLevels,
    TimeSpan AutoConfirmAfter,
    int ComplaintAnswerWorkingDays,
    int ReturnVisitAtOrBelowRating
)
{
    /// <summary>
    /// A hand-off accepted within 10 working minutes; each rung (team leader, deputy director, director)
    /// has 30 working minutes to act; confirmation after 7 days; complaints answered in 5 working days; a
    /// return visit for every rating of 2 or below (and every complaint).
    /// </summary>
    public static readonly DeskPolicy Defaults = new(
        Target.Working(10),
        [Target.Working(30), Target.Working(30), Target.Working(30)],
        TimeSpan.FromDays(7),
        5,
        2
    );
}
