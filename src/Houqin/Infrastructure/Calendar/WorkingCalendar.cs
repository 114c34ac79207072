namespace Houqin.Infrastructure.Calendar;

/// <summary>How a date counts, as the calendar API and the pages show it.</summary>
public enum DayKind
{
    Workday,
    Weekend,
    Holiday,
    MakeUpWorkday,
}

/// <summary>Where the clock runs: a campus's office hours and vacations, and its region's days. Null: the office default, national days.</summary>
public readonly record struct WorkingPlace(string? Campus = null, string? Region = null)
{
    public static readonly WorkingPlace Office;
}

/// <summary>An instant computed on the working calendar; provisional when it relied on a year without published data.</summary>
public readonly record struct BusinessInstant(DateTime Utc, bool Provisional);

public readonly record struct BusinessDuration(TimeSpan Duration, bool Provisional);

/// <summary>
/// A snapshot of the working calendar (Asia/Shanghai): national and regional days, office hours by season,
/// vacations. Pure and immutable, so it can be cached and shared; load it through <see cref="CalendarCache"/>.
/// Instants in and out are UTC; office hours are local times.
/// </summary>
public sealed class WorkingCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Used when no office hours are configured at all.</summary>
    public static readonly IReadOnlyList<OfficePeriod> DefaultHours =
    [
        new(new TimeOnly(8, 0), new TimeOnly(12, 0)),
        new(new TimeOnly(13, 30), new TimeOnly(17, 0)),
    ];

    // A calendar with no office time for ten years is misconfigured; stop rather than loop.
    private const int MaxClosedDays = 3660;

    private readonly Dictionary<DateOnly, CalendarDay> national = [];
    private readonly Dictionary<(string Region, DateOnly Date), CalendarDay> regional = [];
    private readonly HashSet<int> years;
    private readonly List<SeasonRule> seasons;
    private readonly List<VacationRule> vacations;

    public WorkingCalendar(
        IEnumerable<CalendarDay> days,
        IEnumerable<int> yearsWithData,
        IEnumerable<OfficeHours>? officeHours = null,
        IEnumerable<Vacation>? vacationList = null
    )
    {
        foreach (var d in days)
        {
            if (d.Region is null)
            {
                national[d.Date] = d;
            }
            else
            {
                regional[(d.Region, d.Date)] = d;
            }
        }
        years = [.. yearsWithData];
        seasons =
        [
            .. (officeHours ?? []).Select(h => new SeasonRule(
                h.CampusCode,
                h.FromMonthDay,
                h.ToMonthDay,
                OfficePeriod.ParseList(h.Periods)
            )),
        ];
        vacations =
        [
            .. (vacationList ?? []).Select(v => new VacationRule(v.CampusCode, v.From, v.To, OfficePeriod.ParseList(v.Periods))),
        ];
    }

    public IReadOnlyCollection<int> YearsWithData => years;

    public bool IsProvisional(DateOnly date) => !years.Contains(date.Year);

    public DayKind Kind(DateOnly date, string? region = null) =>
        Entry(date, region) switch
        {
            { Kind: CalendarDayKind.DayOff } => DayKind.Holiday,
            { Kind: CalendarDayKind.MakeUpWorkday } => DayKind.MakeUpWorkday,
            _ => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend : DayKind.Workday,
        };

    public bool IsWorkingDay(DateOnly date, string? region = null) => Kind(date, region) is DayKind.Workday or DayKind.MakeUpWorkday;

    /// <summary>The holiday a day belongs to (also on its make-up working days), or null.</summary>
    public string? HolidayName(DateOnly date, string? region = null) => Entry(date, region)?.Name;

    private CalendarDay? Entry(DateOnly date, string? region) =>
        region is not null && regional.TryGetValue((region, date), out var r) ? r : national.GetValueOrDefault(date);

    /// <summary>The office periods of a date at a place: none on days off, the vacation's during a vacation, else the season's.</summary>
    public IReadOnlyList<OfficePeriod> OfficePeriods(DateOnly date, WorkingPlace place = default)
    {
        if (!IsWorkingDay(date, place.Region))
        {
            return [];
        }
        var vacation =
            vacations.Find(v => v.Campus == place.Campus && v.Contains(date))
            ?? (place.Campus is null ? null : vacations.Find(v => v.Campus is null && v.Contains(date)));
        if (vacation is not null)
        {
            return vacation.Periods;
        }
        var md = date.Month * 100 + date.Day;
        var season =
            seasons.Find(s => s.Campus == place.Campus && s.Contains(md))
            ?? (place.Campus is null ? null : seasons.Find(s => s.Campus is null && s.Contains(md)));
        return season?.Periods ?? DefaultHours;
    }

    /// <summary>
    /// The instant when <paramref name="amount"/> of office time has passed after <paramref name="fromUtc"/>.
    /// A positive amount lands inside office hours or exactly on a period's end; zero returns the start unchanged.
    /// </summary>
    public BusinessInstant AddWorkingTime(DateTime fromUtc, TimeSpan amount, WorkingPlace place = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var from = AsUtc(fromUtc);
        var date = LocalDate(from);
        var provisional = IsProvisional(date);
        if (amount == TimeSpan.Zero)
        {
            return new BusinessInstant(from, provisional);
        }
        var remaining = amount;
        var closedDays = 0;
        while (true)
        {
            provisional |= IsProvisional(date);
            var periods = OfficePeriods(date, place);
            closedDays = periods.Count == 0 ? closedDays + 1 : 0;
            if (closedDays > MaxClosedDays)
            {
                throw new InvalidOperationException($"No office hours for {MaxClosedDays} days after {date:yyyy-MM-dd}.");
            }
            foreach (var p in periods)
            {
                var (start, end) = ToUtc(date, p);
                if (end <= from)
                {
                    continue;
                }
                var begin = start > from ? start : from;
                var available = end - begin;
                if (remaining <= available)
                {
                    return new BusinessInstant(begin + remaining, provisional);
                }
                remaining -= available;
            }
            date = date.AddDays(1);
        }
    }

    /// <summary>Office time between two instants; negative when <paramref name="toUtc"/> is before <paramref name="fromUtc"/>.</summary>
    public BusinessDuration WorkingTimeBetween(DateTime fromUtc, DateTime toUtc, WorkingPlace place = default)
    {
        var a = AsUtc(fromUtc);
        var b = AsUtc(toUtc);
        if (b < a)
        {
            var back = WorkingTimeBetween(b, a, place);
            return back with { Duration = -back.Duration };
        }
        var total = TimeSpan.Zero;
        var provisional = false;
        for (var date = LocalDate(a); date <= LocalDate(b); date = date.AddDays(1))
        {
            provisional |= IsProvisional(date);
            foreach (var p in OfficePeriods(date, place))
            {
                var (start, end) = ToUtc(date, p);
                var begin = start > a ? start : a;
                var finish = end < b ? end : b;
                if (finish > begin)
                {
                    total += finish - begin;
                }
            }
        }
        return new BusinessDuration(total, provisional);
    }

    /// <summary>
    /// "Within N working days" (<c>PolicyUnit.WorkingDays</c>): by the end (24:00, Beijing time) of the N-th working day
    /// after the day of <paramref name="fromUtc"/>, so something started on a Friday counts its days from Monday.
    /// </summary>
    public DateTime EndOfWorkingDaysAfter(DateTime fromUtc, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var day = LocalDate(fromUtc);
        var counted = 0;
        while (counted < workingDays)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(midnight, Zone);
    }

    /// <summary>Emergencies run on the plain 24×7 clock.</summary>
    public static DateTime Add24x7(DateTime fromUtc, TimeSpan amount) => AsUtc(fromUtc) + amount;

    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), Zone));

    public static DateTimeOffset ToLocal(DateTime utc)
    {
        var u = AsUtc(utc);
        return new DateTimeOffset(u).ToOffset(Zone.GetUtcOffset(u));
    }

    private static (DateTime Start, DateTime End) ToUtc(DateOnly date, OfficePeriod p) =>
        (
            TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(p.Start, DateTimeKind.Unspecified), Zone),
            TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(p.End, DateTimeKind.Unspecified), Zone)
        );

    private static DateTime AsUtc(DateTime t) =>
        t.Kind switch
        {
            DateTimeKind.Utc => t,
            DateTimeKind.Local => t.ToUniversalTime(),
            _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        };

    private sealed record SeasonRule(string? Campus, int From, int To, IReadOnlyList<OfficePeriod> Periods)
    {
        public bool Contains(int monthDay) => From <= To ? monthDay >= From && monthDay <= To : monthDay >= From || monthDay <= To;
    }

    private sealed record VacationRule(string? Campus, DateOnly From, DateOnly To, IReadOnlyList<OfficePeriod> Periods)
    {
        public bool Contains(DateOnly date) => date >= From && date <= To;
    }
}
