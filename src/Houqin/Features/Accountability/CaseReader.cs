using System.Linq.Expressions;
using System.Security.Claims;

namespace Houqin.Features.Accountability;

/// <summary>
/// Who reads a case: the accused, its investigator, and those who supervise (the director, the deputy directors,
/// the auditor); anyone else is told there is no such case. The accused never learn who complained unless the
/// complainant agreed, even when they would otherwise see everything.
/// </summary>
public sealed record CaseReader(Guid UserId, bool Supervises, bool IsDirector)
{
    public static CaseReader Of(ClaimsPrincipal user) =>
        new(
            Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty,
            user.IsInRole(Roles.Director) || user.IsInRole(Roles.DeputyDirector) || user.IsInRole(Roles.Auditor),
            user.IsInRole(Roles.Director)
        );

    public Expression<Func<AccountabilityCase, bool>> Visible()
    {
        var (me, all) = (UserId, Supervises);
        return c => all || c.InvestigatorId == me || c.Accused.Any(a => a.UserId == me);
    }

    public bool SeesComplainant(AccountabilityCase c, bool shared) => shared || !c.IsAccused(UserId);

    /// <summary>The director, a deputy director or the auditor names the investigator (the case refuses the accused).</summary>
    public bool MayAssign => Supervises;

    /// <summary>What the reader may do now, for the page's forms; the case's own methods still decide.</summary>
    public IReadOnlyList<string> Offers(AccountabilityCase c)
    {
        var offers = new List<string>();
        var accused = c.IsAccused(UserId);
        var open = c.Status is CaseStatus.AwaitingInvestigator or CaseStatus.UnderInvestigation;
        if (open && MayAssign && !accused)
        {
            offers.Add("assign-investigator");
        }
        if (open && c.Accused.Any(a => a.UserId == UserId && a.Answer is null))
        {
            offers.Add("answer");
        }
        if (c.Status == CaseStatus.UnderInvestigation && c.InvestigatorId == UserId)
        {
            offers.Add("decide");
        }
        if (c.Status == CaseStatus.Decided && accused && c.Appeal is null && c.Decision != CaseDecision.Dismissed)
        {
            offers.Add("appeal");
        }
        if (c.Status == CaseStatus.Appealed && IsDirector && !accused)
        {
            offers.Add("rule-appeal");
        }
        return offers;
    }
}
