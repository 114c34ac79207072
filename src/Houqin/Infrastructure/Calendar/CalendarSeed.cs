using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Calendar;

/// <summary>
/// Loads the shipped national years and the office's default hours into a database that lacks them. Runs
/// after every migration (every environment: this is reference data, not demo data) and never overwrites
/// what an administrator has imported or edited.
/// </summary>
internal sealed class CalendarSeed(TimeProvider clock, IServiceScopeFactory scopes) : IAfterMigrate
{
    public async Task ApplyAsync(AppDbContext migrated, CancellationToken ct)
    {
        // A scope of its own, so the audit log writes through the same context as the data.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var now = clock.GetUtcNow().UtcDateTime;
        var known = await db.Set<CalendarYear>().Select(y => y.Year).ToListAsync(ct);
        foreach (var year in HolidayCnYear.Shipped().Where(y => !known.Contains(y.Year)))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await CalendarYears.ReplaceAsync(db, year, null, "shipped", now, ct);
            audit.RecordAs(
                CurrentActor.System,
                "calendar.year_imported",
                nameof(CalendarYear),
                year.Year,
                new { source = "shipped", days = year.Days.Count }
            );
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        if (!await db.Set<OfficeHours>().AnyAsync(ct))
        {
            foreach (var h in DefaultOfficeHours())
            {
                db.Set<OfficeHours>().Add(h);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The office default: summer hours May–August, winter hours from September (the autumn term) to April.</summary>
    public static IEnumerable<OfficeHours> DefaultOfficeHours() =>
        [
            new(null, "春夏作息", 501, 831, "08:00-12:00,14:30-17:30"),
            new(null, "秋冬作息", 901, 430, "08:00-12:00,13:30-17:00"),
        ];
}
