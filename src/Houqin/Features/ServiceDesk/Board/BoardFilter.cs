using System.Globalization;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Board;

/// <summary>A team a leader answers for, as the filter offers it.</summary>
public sealed record BoardTeam(Guid Id, string Code, string Name);

/// <summary>
/// What the board shows, read from the query string so a board can be shared by its address: the teams the
/// leader answers for (a team leader their team, the deputy director the teams in their charge, the director all),
/// narrowed by team, urgency and category; the month the "this month" sections count.
/// A value that does not fit (another leader's team, an unknown code) is ignored rather than refused.
/// </summary>
public sealed record BoardFilter(
    IReadOnlyList<BoardTeam> MyTeams,
    IReadOnlyList<Guid> TeamIds,
    string? Team,
    Urgency? Urgency,
    string? Category,
    IReadOnlyList<Guid>? CategoryIds,
    string Period,
    DateTime PeriodStart,
    DateTime PeriodEnd
)
{
    /// <summary>The months the period filter offers: this one and the five before it.</summary>
    public const int Months = 6;

    public static async Task<BoardFilter> ReadAsync(
        AppDbContext db,
        Guid me,
        bool director,
        string? team,
        string? urgency,
        string? category,
        string? period,
        DateTime now,
        CancellationToken ct
    )
    {
        var teams = await db.Set<Team>()
            .AsNoTracking()
            .Where(t => director || t.LeaderId == me || t.DeputyDirectorId == me)
            .OrderBy(t => t.Code)
            .Select(t => new BoardTeam(t.Id, t.Code, t.Name))
            .ToListAsync(ct);
        var picked = teams.FirstOrDefault(t => t.Code == team);
        Urgency? u = Enum.TryParse<Urgency>(urgency, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        List<Guid>? categoryIds = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            categoryIds = await db.Set<ServiceCategory>()
                .Where(c => c.Code == category || db.Set<ServiceCategory>().Any(p => p.Id == c.ParentId && p.Code == category))
                .Select(c => c.Id)
                .ToListAsync(ct);
        }
        var today = Prose.BeijingDate(now);
        var month = new DateOnly(today.Year, today.Month, 1);
        if (period is { Length: 7 } && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && asked <= month && asked > month.AddMonths(-Months))
        {
            month = asked;
        }
        return new BoardFilter(
            teams,
            picked is null ? teams.Select(t => t.Id).ToList() : [picked.Id],
            picked?.Code,
            u,
            categoryIds is { Count: > 0 } ? category : null,
            categoryIds is { Count: > 0 } ? categoryIds : null,
            month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            Prose.FromBeijing(month.ToDateTime(TimeOnly.MinValue)),
            Prose.FromBeijing(month.AddMonths(1).ToDateTime(TimeOnly.MinValue))
        );
    }

    public IEnumerable<DateOnly> OfferedMonths(DateTime now)
    {
        var today = Prose.BeijingDate(now);
        var month = new DateOnly(today.Year, today.Month, 1);
        return Enumerable.Range(0, Months).Select(i => month.AddMonths(-i));
    }

    /// <summary>A month as people name it: <c>2026年11月</c>, <c>November 2026</c>.</summary>
    public static string MonthName(DateOnly month, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return c.TwoLetterISOLanguageName == "zh"
            ? $"{month.Year}年{month.Month}月"
            : month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-US"));
    }

    /// <summary>The filters as a query string (without '?'), for the refresh link and the "more" links.</summary>
    public string Query()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("team", Team);
        Add("urgency", Urgency?.ToString());
        Add("category", Category);
        Add("period", Period);
        return string.Join("&", parts);
    }

    /// <summary>The requests of the board's teams that the filters let through.</summary>
    public IQueryable<ServiceRequest> Requests(AppDbContext db) => Narrow(db.Set<ServiceRequest>().AsNoTracking().Where(r => TeamIds.Contains(r.TeamId)));

    /// <summary>Urgency and category only: for requests reached another way (escalated to me), whatever their team.</summary>
    public IQueryable<ServiceRequest> Narrow(IQueryable<ServiceRequest> query)
    {
        if (Urgency is { } u)
        {
            query = query.Where(r => r.Urgency == u);
        }
        if (CategoryIds is { } ids)
        {
            query = query.Where(r => ids.Contains(r.CategoryId));
        }
        return query;
    }
}
