using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>Work logs (工作日志), for the API and the pages alike: a day as its author sees it, entries, closing, the leader's review.</summary>
public sealed class WorkLogs(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string SubjectType = "WorkLog";

    public sealed record EntryDto(Guid Id, string Process, string Result, string Method, DateTime CreatedAt);

    public sealed record ReviewDto(string UserName, string DisplayName, string Comment, DateTime At);

    public sealed record DayDto(
        DateOnly Date,
        string UserName,
        string DisplayName,
        bool Closed,
        DateTime? ClosedAt,
        int? Satisfaction,
        string? Comment,
        ReviewDto? Review,
        IReadOnlyList<HandledMatters.MatterDto> Matters,
        IReadOnlyList<EntryDto> Entries
    );

    public sealed record TeamRow(string UserName, string DisplayName, bool Closed, int? Satisfaction, bool Reviewed, int Entries);

    public DateOnly Today => WorkingCalendar.LocalDate(clock.GetUtcNow().UtcDateTime);

    public async Task<DayDto?> DayAsync(Guid userId, DateOnly date, CancellationToken ct)
    {
        var person = await db.Users.Where(u => u.Id == userId).Select(u => new { u.UserName, u.DisplayName }).SingleOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }
        var day = await db.Set<WorkLogDay>().AsNoTracking().SingleOrDefaultAsync(d => d.UserId == userId && d.Date == date, ct);
        var entries = day is null
            ? []
            : (await db.Set<WorkLogEntry>().Where(e => e.DayId == day.Id).ToListAsync(ct))
                .OrderBy(e => e.CreatedAt)
                .Select(e => new EntryDto(e.Id, e.Process, e.Result, e.Method, e.CreatedAt))
                .ToList();
        ReviewDto? review = null;
        if (day?.ReviewedById is { } reviewer)
        {
            var r = await db.Users.Where(u => u.Id == reviewer).Select(u => new { u.UserName, u.DisplayName }).SingleAsync(ct);
            review = new ReviewDto(r.UserName ?? "", r.DisplayName, day.LeaderComment!, day.ReviewedAt!.Value);
        }
        var matters = await HandledMatters.OnAsync(db, person.UserName ?? "", date, ct);
        return new DayDto(date, person.UserName ?? "", person.DisplayName, day?.Closed ?? false, day?.ClosedAt, day?.Satisfaction, day?.SelfComment, review, matters, entries);
    }

    private async Task<WorkLogDay> DayForWritingAsync(Guid userId, DateOnly date, CancellationToken ct)
    {
        if (date > Today)
        {
            throw new AssessmentRuleException(AssessmentRuleException.FutureDay, "A day is logged on or after it, not before.");
        }
        var day = await db.Set<WorkLogDay>().SingleOrDefaultAsync(d => d.UserId == userId && d.Date == date, ct);
        if (day is null)
        {
            day = new WorkLogDay(userId, date);
            db.Add(day);
        }
        return day;
    }

    public async Task<Guid> AddEntryAsync(Guid userId, DateOnly date, string? process, string? result, string? method, CancellationToken ct)
    {
        var day = await DayForWritingAsync(userId, date, ct);
        var entry = new WorkLogEntry(day, process, result, method, clock.GetUtcNow().UtcDateTime);
        db.Add(entry);
        audit.Record("work_log.entry_added", SubjectType, day.Id, new { date, entry = entry.Id });
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    public async Task CloseAsync(Guid userId, DateOnly date, int? satisfaction, string? comment, CancellationToken ct)
    {
        var day = await DayForWritingAsync(userId, date, ct);
        day.Close(satisfaction ?? 0, comment, clock.GetUtcNow().UtcDateTime);
        audit.Record("work_log.closed", SubjectType, day.Id, new { date, satisfaction = day.Satisfaction }, day.SelfComment);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The person <paramref name="leader"/> oversees, by user name; null (a 404) for anyone else.</summary>
    public Task<User?> OverseenAsync(ClaimsPrincipal leader, string userName, CancellationToken ct) =>
        Oversight.People(db, leader, clock.GetUtcNow().UtcDateTime).SingleOrDefaultAsync(u => u.UserName == userName, ct);

    public async Task ReviewAsync(Guid leaderId, Guid userId, DateOnly date, string? comment, CancellationToken ct)
    {
        var day = await db.Set<WorkLogDay>().SingleOrDefaultAsync(d => d.UserId == userId && d.Date == date, ct)
            ?? throw new AssessmentRuleException(AssessmentRuleException.DayNotClosed, "The day is reviewed once its author has closed it.");
        day.Review(leaderId, comment ?? "", clock.GetUtcNow().UtcDateTime);
        audit.Record("work_log.reviewed", SubjectType, day.Id, new { date, user = userId }, day.LeaderComment);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The leader's team on a date: each person's log closed or not, their satisfaction, reviewed or not.</summary>
    public async Task<IReadOnlyList<TeamRow>> TeamAsync(ClaimsPrincipal leader, DateOnly date, CancellationToken ct)
    {
        var people = await Oversight.People(db, leader, clock.GetUtcNow().UtcDateTime)
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var days = await db.Set<WorkLogDay>().Where(d => d.Date == date && ids.Contains(d.UserId)).ToDictionaryAsync(d => d.UserId, ct);
        var counts = await db.Set<WorkLogEntry>()
            .Where(e => e.Date == date && ids.Contains(e.UserId))
            .GroupBy(e => e.UserId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return people
            .Select(p =>
            {
                var d = days.GetValueOrDefault(p.Id);
                return new TeamRow(p.UserName ?? "", p.DisplayName, d?.Closed ?? false, d?.Satisfaction, d?.ReviewedAt is not null, counts.GetValueOrDefault(p.Id));
            })
            .ToList();
    }
}
