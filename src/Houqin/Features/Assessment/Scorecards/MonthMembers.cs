using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

public sealed record TeamRef(Guid Id, string Code, string Name, Guid? LeaderId);

/// <summary>Someone assessed in a month: the teams whose posts they held (or which they lead) and the working days they held a post.</summary>
public sealed record Member(Guid Id, string UserName, string DisplayName, IReadOnlyList<TeamRef> Teams, int WorkingDays);

/// <summary>
/// Who is assessed in a month: every member of the office's staff (any office role), and anyone who held one of its
/// posts during the month. A person's teams are those of the posts they held in the month, and the teams they lead.
/// </summary>
public static class MonthMembers
{
    public static async Task<(IReadOnlyList<Member> Members, IReadOnlyList<TeamRef> Teams)> LoadAsync(
        AppDbContext db,
        WorkingCalendar calendar,
        AssessmentMonth month,
        DateTime now,
        CancellationToken ct
    )
    {
        var (start, end) = (month.FromUtc, month.ToUtc);
        var teams = await db.Set<Team>().AsNoTracking().OrderBy(t => t.Code).Select(t => new TeamRef(t.Id, t.Code, t.Name, t.LeaderId)).ToListAsync(ct);
        var held = await (
            from a in db.Set<PostAssignment>()
            join p in db.Set<Post>() on a.PostId equals p.Id
            where a.From < end && (a.To == null || a.To > start)
            select new { a.UserId, p.TeamId, a.From, a.To }
        ).ToListAsync(ct);
        var holders = held.Select(h => h.UserId).Distinct().ToList();
        var people = await db
            .Users.AsNoTracking()
            .Where(u =>
                holders.Contains(u.Id)
                || (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id && Roles.Office.Contains(r.Name) select ur).Any()
            )
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .ToListAsync(ct);

        var byId = teams.ToDictionary(t => t.Id);
        var heldBy = held.ToLookup(h => h.UserId);
        var days = WorkingDaysSoFar(calendar, month, now);
        var members = people
            .Select(p =>
            {
                var own = heldBy[p.Id].Select(h => h.TeamId).Concat(teams.Where(t => t.LeaderId == p.Id).Select(t => t.Id)).Distinct();
                var working = days.Count(d =>
                {
                    var (dayStart, dayEnd) = (ChecklistOpening.Midnight(d), ChecklistOpening.Midnight(d.AddDays(1)));
                    return heldBy[p.Id].Any(h => h.From < dayEnd && (h.To == null || h.To > dayStart));
                });
                return new Member(p.Id, p.UserName!, p.DisplayName, own.Select(id => byId[id]).OrderBy(t => t.Code, StringComparer.Ordinal).ToList(), working);
            })
            .OrderBy(m => m.UserName, StringComparer.Ordinal)
            .ToList();
        return (members, teams);
    }

    /// <summary>The month's working days before today (Beijing): the days whose work log should have been closed by now.</summary>
    private static List<DateOnly> WorkingDaysSoFar(WorkingCalendar calendar, AssessmentMonth month, DateTime now)
    {
        var today = WorkingCalendar.LocalDate(now);
        var days = new List<DateOnly>();
        for (var d = month.FirstDay; d < month.EndDay && d < today; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                days.Add(d);
            }
        }
        return days;
    }
}
