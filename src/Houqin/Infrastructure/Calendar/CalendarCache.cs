using System.Diagnostics;
using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Calendar;

/// <summary>
/// The current <see cref="WorkingCalendar"/>, loaded from the database and kept until the calendar changes on
/// this node (<see cref="Invalidate"/>) or, for changes made on other nodes, until it is older than
/// <c>Houqin:Calendar:CacheSeconds</c> (default 60).
/// </summary>
public sealed class CalendarCache(IServiceScopeFactory scopes, IConfiguration config) : IDisposable
{
    private readonly TimeSpan maxAge = TimeSpan.FromSeconds(config.GetValue("Houqin:Calendar:CacheSeconds", 60));
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Dispose() => gate.Dispose();
    private volatile Snapshot? current;

    public async Task<WorkingCalendar> GetAsync(CancellationToken ct = default)
    {
        var s = current;
        if (s is not null && Stopwatch.GetElapsedTime(s.LoadedAt) < maxAge)
        {
            return s.Calendar;
        }
        await gate.WaitAsync(ct);
        try
        {
            s = current;
            if (s is not null && Stopwatch.GetElapsedTime(s.LoadedAt) < maxAge)
            {
                return s.Calendar;
            }
            await using var scope = scopes.CreateAsyncScope();
            var calendar = await LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
            current = new Snapshot(calendar, Stopwatch.GetTimestamp());
            return calendar;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Call after committing a change to the calendar's data.</summary>
    public void Invalidate() => current = null;

    public static async Task<WorkingCalendar> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
        var years = await db.Set<CalendarYear>().Select(y => y.Year).ToListAsync(ct);
        var hours = await db.Set<OfficeHours>().AsNoTracking().ToListAsync(ct);
        var vacations = await db.Set<Vacation>().AsNoTracking().ToListAsync(ct);
        return new WorkingCalendar(days, years, hours, vacations);
    }

    private sealed record Snapshot(WorkingCalendar Calendar, long LoadedAt);
}
