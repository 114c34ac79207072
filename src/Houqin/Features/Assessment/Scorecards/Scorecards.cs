using System.Security.Claims;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>
/// Monthly scorecards (ADR 0012): live from the facts until the director signs the month off, the stored cards after.
/// A person sees their own card, a team leader the cards of their teams, the deputy directors, the director and the
/// auditor everyone's; anyone else's is a 404.
/// </summary>
public sealed class Scorecards(AppDbContext db, Policies policies, CalendarCache calendars, TimeProvider clock, AuditLog audit)
{
    public sealed record TeamDto(string Code, string Name);

    public sealed record LeaderRatingDto(int Rating, string? Comment, DateTime RatedAt);

    public sealed record CardDto(
        string UserName,
        string DisplayName,
        string Month,
        bool SignedOff,
        IReadOnlyList<TeamDto> Teams,
        decimal? Score,
        string? Grade,
        decimal Reward,
        LeaderRatingDto? LeaderRating,
        IReadOnlyList<Figure> Figures
    );

    public sealed record TeamCardDto(string Code, string Name, int Members, decimal? Score, IReadOnlyList<Figure> Figures);

    public sealed record MonthDto(
        string Month,
        bool SignedOff,
        DateTime? SignedAt,
        int? PolicyVersion,
        IReadOnlyList<CardDto> People,
        IReadOnlyList<TeamCardDto> Teams,
        TeamCardDto? Office
    );

    private sealed record Month(AssessmentMonth Period, IReadOnlyList<Member> Members, IReadOnlyList<TeamRef> Teams, SignedMonth? Signed, DateTime Now);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>One person's card with the requests behind each figure, or null when the viewer may not see it.</summary>
    public async Task<CardDto?> PersonAsync(ClaimsPrincipal viewer, string userName, AssessmentMonth period, CancellationToken ct)
    {
        var month = await LoadAsync(period, ct);
        var member = month.Members.FirstOrDefault(m => string.Equals(m.UserName, userName, StringComparison.OrdinalIgnoreCase));
        if (member is null || !MaySee(viewer, member))
        {
            return null;
        }
        var rating = await db.Set<LeaderRating>().AsNoTracking().SingleOrDefaultAsync(r => r.Month == period.ToString() && r.UserId == member.Id, ct);
        var facts = await FactsAsync(month, member.Id, ct);
        var live = Figures.Of(facts.GetValueOrDefault(member.Id) ?? new PersonFacts(), rating?.Rating, await RulesAsync(period, ct), withIds: true);
        var outcome = live;
        if (month.Signed is not null)
        {
            // The stored numbers stand; the live requests behind them stay available for drilling down.
            var stored = await db.Set<SignedScorecard>().AsNoTracking().SingleOrDefaultAsync(s => s.Month == period.ToString() && s.UserId == member.Id, ct);
            var signed = stored?.Outcome ?? new Outcome([], null, null, 0);
            var ids = live.Figures.ToDictionary(f => f.Key, f => f.RequestIds);
            outcome = signed with { Figures = [.. signed.Figures.Select(f => f with { RequestIds = ids.GetValueOrDefault(f.Key) })] };
        }
        return Card(member, month, outcome, rating);
    }

    /// <summary>The month's cards the viewer may see (optionally one team's), the teams' ranking and the office's month.</summary>
    public async Task<MonthDto> MonthAsync(ClaimsPrincipal viewer, AssessmentMonth period, string? teamCode, CancellationToken ct)
    {
        var month = await LoadAsync(period, ct);
        var visible = month.Members.Where(m => MaySee(viewer, m)).ToList();
        // A member of staff sees only their own card: count their facts, not the whole office's.
        var outcomes = await OutcomesAsync(month, visible.Count == 1 ? visible[0].Id : null, ct);
        var ratings = await db.Set<LeaderRating>().AsNoTracking().Where(r => r.Month == period.ToString()).ToDictionaryAsync(r => r.UserId, ct);
        var people = visible
            .Where(m => teamCode is null || m.Teams.Any(t => t.Code == teamCode))
            .Select(m => Card(m, month, outcomes[m.Id], ratings.GetValueOrDefault(m.Id)))
            .OrderByDescending(c => c.Score ?? -1)
            .ThenBy(c => c.UserName, StringComparer.Ordinal)
            .ToList();
        var teams = month
            .Teams.Where(t => teamCode is null || t.Code == teamCode)
            .Where(t => SeesEveryone(viewer) || t.LeaderId == Me(viewer))
            .Select(t => TeamCard(t.Code, t.Name, month.Members.Where(m => m.Teams.Any(x => x.Id == t.Id)).Select(m => outcomes[m.Id]).ToList()))
            .OrderByDescending(t => t.Score ?? -1)
            .ToList();
        var office = SeesEveryone(viewer) ? TeamCard("", "", month.Members.Select(m => outcomes[m.Id]).ToList()) : null;
        return new MonthDto(period.ToString(), month.Signed is not null, month.Signed?.SignedAt, month.Signed?.PolicyVersion, people, teams, office);
    }

    /// <summary>The team leader (or the director) rates a person's month; again to change it, until the month is signed off.</summary>
    public async Task<CardDto?> RateAsync(ClaimsPrincipal viewer, string userName, AssessmentMonth period, int? rating, string? comment, CancellationToken ct)
    {
        var month = await LoadAsync(period, ct);
        var member = month.Members.FirstOrDefault(m => string.Equals(m.UserName, userName, StringComparison.OrdinalIgnoreCase));
        if (member is null)
        {
            return null;
        }
        // Only leaders and the director get here (the endpoint's policy): another team's leader is refused, not misled.
        var me = Me(viewer);
        if (!viewer.IsInRole(Roles.Director) && !member.Teams.Any(t => t.LeaderId == me))
        {
            throw new AssessmentRuleException(AssessmentRuleException.NotAllowed, "Only the person's team leader or the director rates their month.");
        }
        RefuseSigned(month);
        var row = await db.Set<LeaderRating>().SingleOrDefaultAsync(r => r.Month == period.ToString() && r.UserId == member.Id, ct);
        if (row is null)
        {
            row = LeaderRating.For(period, member.Id);
            db.Add(row);
        }
        row.Rate(rating, comment, me, Now);
        audit.RecordAs(viewer.Identity?.Name ?? CurrentActor.System, "scorecard.leader_rated", "Scorecard", $"{member.UserName}/{period}", new { month = period.ToString(), userName = member.UserName, row.Rating });
        await db.SaveChangesAsync(ct);
        return await PersonAsync(viewer, member.UserName, period, ct);
    }

    /// <summary>The director signs the month off: every card is stored as it stands and never changes again.</summary>
    public async Task<MonthDto> SignOffAsync(ClaimsPrincipal director, AssessmentMonth period, CancellationToken ct)
    {
        var month = await LoadAsync(period, ct);
        RefuseSigned(month);
        var policy = await PolicyAsync(period, ct);
        var signed = SignedMonth.Sign(period, Me(director), month.Now, policy.Version);
        var outcomes = await OutcomesAsync(month, null, ct);
        db.Add(signed);
        foreach (var m in month.Members)
        {
            db.Add(SignedScorecard.Of(period, m.Id, [.. m.Teams.Select(t => t.Code)], outcomes[m.Id]));
        }
        audit.RecordAs(
            director.Identity?.Name ?? CurrentActor.System,
            "scorecard.month_signed_off",
            "ScorecardMonth",
            period.ToString(),
            new
            {
                month = period.ToString(),
                people = month.Members.Count,
                policyVersion = policy.Version,
                scores = month.Members.ToDictionary(m => m.UserName, m => outcomes[m.Id].Score),
            }
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Constraints.IsUniqueViolation(e))
        {
            throw new AssessmentRuleException(SignedOff, "The month is already signed off.");
        }
        return await MonthAsync(director, period, null, ct);
    }

    public const string SignedOff = "month_signed_off";

    private static void RefuseSigned(Month month)
    {
        if (month.Signed is not null)
        {
            throw new AssessmentRuleException(SignedOff, "The month is signed off; its scorecards no longer change.");
        }
    }

    private async Task<Month> LoadAsync(AssessmentMonth period, CancellationToken ct)
    {
        var now = Now;
        var calendar = await calendars.GetAsync(ct);
        var (members, teams) = await MonthMembers.LoadAsync(db, calendar, period, now, ct);
        var signed = await db.Set<SignedMonth>().AsNoTracking().SingleOrDefaultAsync(s => s.Month == period.ToString(), ct);
        return new Month(period, members, teams, signed, now);
    }

    private async Task<Dictionary<Guid, PersonFacts>> FactsAsync(Month month, Guid? person, CancellationToken ct)
    {
        var facts = await MonthFacts.LoadAsync(db, month.Period, month.Now, person, ct);
        foreach (var m in month.Members.Where(m => person is null || m.Id == person))
        {
            (facts.TryGetValue(m.Id, out var f) ? f : facts[m.Id] = new PersonFacts()).WorkingDays = m.WorkingDays;
        }
        return facts;
    }

    /// <summary>Every member's outcome: stored once the month is signed off, computed from the facts before.</summary>
    /// <param name="only">One member whose outcome is all that is needed, or null for everyone.</param>
    private async Task<Dictionary<Guid, Outcome>> OutcomesAsync(Month month, Guid? only, CancellationToken ct)
    {
        if (month.Signed is not null)
        {
            var stored = await db.Set<SignedScorecard>().AsNoTracking().Where(s => s.Month == month.Period.ToString()).ToDictionaryAsync(s => s.UserId, s => s.Outcome, ct);
            return month.Members.ToDictionary(m => m.Id, m => stored.GetValueOrDefault(m.Id) ?? new Outcome([], null, null, 0));
        }
        var facts = await FactsAsync(month, only, ct);
        var rules = await RulesAsync(month.Period, ct);
        var ratings = await db.Set<LeaderRating>().AsNoTracking().Where(r => r.Month == month.Period.ToString()).ToDictionaryAsync(r => r.UserId, r => r.Rating, ct);
        return month.Members.Where(m => only is null || m.Id == only).ToDictionary(m => m.Id, m => Figures.Of(facts[m.Id], ratings.TryGetValue(m.Id, out var r) ? r : null, rules, withIds: false));
    }

    /// <summary>The procedure in force at the month's end (or now, for the month under way) weighs the month.</summary>
    private Task<PolicySnapshot> PolicyAsync(AssessmentMonth period, CancellationToken ct)
    {
        var end = period.ToUtc.AddTicks(-1);
        return policies.AtAsync(Now < end ? Now : end, ct);
    }

    private async Task<ScoreRules> RulesAsync(AssessmentMonth period, CancellationToken ct) => new(await PolicyAsync(period, ct));

    private static CardDto Card(Member m, Month month, Outcome o, LeaderRating? rating) =>
        new(
            m.UserName,
            m.DisplayName,
            month.Period.ToString(),
            month.Signed is not null,
            [.. m.Teams.Select(t => new TeamDto(t.Code, t.Name))],
            o.Score,
            o.Grade?.ToString(),
            o.Reward,
            rating is null ? null : new LeaderRatingDto(rating.Rating, rating.Comment, rating.RatedAt),
            o.Figures
        );

    /// <summary>A team's card: its figures gathered from the members' (the score is their mean, so the ranking is fair to small teams).</summary>
    private static TeamCardDto TeamCard(string code, string name, List<Outcome> members)
    {
        var gathered = Figures.Gathered(members.Select(o => o.Figures));
        return new(code, name, members.Count, gathered.FirstOrDefault(f => f.Key == Figures.Score)?.Value, gathered);
    }

    private static Guid Me(ClaimsPrincipal user) => Oversight.Me(user);

    private static bool SeesEveryone(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Director) || user.IsInRole(Roles.DeputyDirector) || user.IsInRole(Roles.Auditor);

    private static bool MaySee(ClaimsPrincipal viewer, Member m) =>
        SeesEveryone(viewer) || m.Id == Me(viewer) || m.Teams.Any(t => t.LeaderId == Me(viewer));
}
