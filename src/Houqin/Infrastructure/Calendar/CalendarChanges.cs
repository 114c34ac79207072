using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Calendar;

/// <summary>
/// The administrator's changes to the national and regional days, shared by the API and the admin page:
/// each is audited in its own transaction and drops the cached calendar once committed.
/// </summary>
public sealed class CalendarChanges(AppDbContext db, AuditLog audit, CalendarCache cache, TimeProvider clock)
{
    /// <summary>Imports a year in holiday-cn's format; true when it replaced data already there.</summary>
    public async Task<bool> ImportYearAsync(HolidayCnYear data, string? region, CancellationToken ct)
    {
        region = PlaceCode.OrNull(region);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var replaced = await CalendarYears.ReplaceAsync(db, data, region, "import", clock.GetUtcNow().UtcDateTime, ct);
        audit.Record(
            "calendar.year_imported",
            nameof(CalendarYear),
            data.Year,
            new
            {
                region,
                days = data.Days.Count,
                replaced,
                data.Papers,
            }
        );
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return replaced;
    }

    public async Task SetDayAsync(DateOnly day, CalendarDayKind kind, string name, string? region, CancellationToken ct)
    {
        region = PlaceCode.OrNull(region);
        var existing = await FindAsync(day, region, ct);
        var before = existing is null ? null : new { kind = existing.Kind.ToString(), existing.Name };
        if (existing is null)
        {
            db.Set<CalendarDay>().Add(new CalendarDay(day, kind, name, region));
        }
        else
        {
            existing.Change(kind, name);
        }
        audit.Record(
            "calendar.day_set",
            nameof(CalendarDay),
            CalendarEndpoints.Iso(day),
            new
            {
                region,
                kind = kind.ToString(),
                name,
                before,
            }
        );
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
    }

    /// <summary>False when there was no entry for that date and region.</summary>
    public async Task<bool> RemoveDayAsync(DateOnly day, string? region, CancellationToken ct)
    {
        region = PlaceCode.OrNull(region);
        var existing = await FindAsync(day, region, ct);
        if (existing is null)
        {
            return false;
        }
        db.Set<CalendarDay>().Remove(existing);
        audit.Record(
            "calendar.day_removed",
            nameof(CalendarDay),
            CalendarEndpoints.Iso(day),
            new
            {
                region,
                kind = existing.Kind.ToString(),
                existing.Name,
            }
        );
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    private Task<CalendarDay?> FindAsync(DateOnly day, string? region, CancellationToken ct) =>
        db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.Date == day && d.Region == region, ct);
}
