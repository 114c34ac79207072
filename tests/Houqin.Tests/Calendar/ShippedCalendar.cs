using Houqin.Infrastructure.Calendar;

namespace Houqin.Tests.Calendar;

/// <summary>The calendar as a fresh installation has it: the shipped years and the office's default hours.</summary>
internal static class ShippedCalendar
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static WorkingCalendar Build(
        IEnumerable<Vacation>? vacations = null,
        IEnumerable<OfficeHours>? extraHours = null,
        IEnumerable<CalendarDay>? extraDays = null
    )
    {
        var years = HolidayCnYear.Shipped().ToList();
        var days = years
            .SelectMany(y => y.Days)
            .Select(d => new CalendarDay(d.Date, d.IsOffDay ? CalendarDayKind.DayOff : CalendarDayKind.MakeUpWorkday, d.Name, null))
            .Concat(extraDays ?? []);
        return new WorkingCalendar(
            days,
            years.Select(y => y.Year),
            CalendarSeed.DefaultOfficeHours().Concat(extraHours ?? []),
            vacations
        );
    }

    /// <summary>A Beijing wall-clock time as the UTC instant the calendar works with.</summary>
    public static DateTime At(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Beijing).UtcDateTime;
}
