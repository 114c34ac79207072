using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Calendar;

/// <summary>Writes a year's schedule into the calendar tables; the caller records the audit event and saves.</summary>
public static class CalendarYears
{
    /// <summary>
    /// Replaces the national (or one region's) days of <paramref name="data"/>'s year with the document's days.
    /// A national import also marks the year as published, so it stops being provisional.
    /// </summary>
    public static async Task<bool> ReplaceAsync(
        AppDbContext db,
        HolidayCnYear data,
        string? region,
        string source,
        DateTime now,
        CancellationToken ct
    )
    {
        region = PlaceCode.OrNull(region);
        var dates = data.Days.Select(d => d.Date).ToList();
        var first = new DateOnly(data.Year, 1, 1);
        var last = new DateOnly(data.Year, 12, 31);
        var old = await db.Set<CalendarDay>()
            .Where(d => d.Region == region && ((d.Date >= first && d.Date <= last) || dates.Contains(d.Date)))
            .ToListAsync(ct);
        db.Set<CalendarDay>().RemoveRange(old);
        // Deletes before inserts, so the unique (date, region) index never sees both rows.
        await db.SaveChangesAsync(ct);
        foreach (var d in data.Days)
        {
            db.Set<CalendarDay>()
                .Add(new CalendarDay(d.Date, d.IsOffDay ? CalendarDayKind.DayOff : CalendarDayKind.MakeUpWorkday, d.Name, region));
        }
        if (region is not null)
        {
            return old.Count > 0;
        }
        var year = await db.Set<CalendarYear>().FindAsync([data.Year], ct);
        if (year is null)
        {
            db.Set<CalendarYear>().Add(new CalendarYear(data.Year, source, now));
            return false;
        }
        year.Touch(source, now);
        return true;
    }

    /// <summary>A year's national schedule back in holiday-cn's format, for export and comparison.</summary>
    public static async Task<HolidayCnYear?> ExportAsync(AppDbContext db, int year, CancellationToken ct)
    {
        if (!await db.Set<CalendarYear>().AnyAsync(y => y.Year == year, ct))
        {
            return null;
        }
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var days = await db.Set<CalendarDay>()
            .Where(d => d.Region == null && d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date)
            .Select(d => new HolidayCnDay(d.Name, d.Date, d.Kind == CalendarDayKind.DayOff))
            .ToListAsync(ct);
        return new HolidayCnYear(year, [], days);
    }
}
