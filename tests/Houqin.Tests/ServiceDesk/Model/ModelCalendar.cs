using Houqin.Data;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.ServiceDesk.Model;

/// <summary>
/// The model's own copy of the working calendar: the seeded data read once at the start, then every change the
/// scenario makes through the calendar API applied here too. The server's cache is never consulted afterwards.
/// </summary>
internal sealed class ModelCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> national;
    private readonly List<CalendarDay> regional;
    private readonly List<int> years;
    private readonly List<OfficeHours> hours;
    private readonly List<Vacation> vacations;

    private ModelCalendar(List<CalendarDay> days, List<int> years, List<OfficeHours> hours, List<Vacation> vacations)
    {
        national = days.Where(d => d.Region is null).ToDictionary(d => d.Date);
        regional = [.. days.Where(d => d.Region is not null)];
        (this.years, this.hours, this.vacations) = (years, hours, vacations);
        Current = Build();
    }

    public WorkingCalendar Current { get; private set; }

    /// <summary>The national entries the scenario added or changed, which it may later remove again.</summary>
    public HashSet<DateOnly> Edited { get; } = [];

    public static async Task<ModelCalendar> LoadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new ModelCalendar(
            await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct),
            await db.Set<CalendarYear>().Select(y => y.Year).ToListAsync(ct),
            await db.Set<OfficeHours>().AsNoTracking().ToListAsync(ct),
            await db.Set<Vacation>().AsNoTracking().ToListAsync(ct)
        );
    }

    public void Set(DateOnly date, CalendarDayKind kind, string name)
    {
        national[date] = new CalendarDay(date, kind, name, null);
        Edited.Add(date);
        Current = Build();
    }

    public void Remove(DateOnly date)
    {
        national.Remove(date);
        Edited.Remove(date);
        Current = Build();
    }

    public bool HasEntry(DateOnly date) => national.ContainsKey(date);

    private WorkingCalendar Build() => new([.. national.Values, .. regional], years, hours, vacations);
}
