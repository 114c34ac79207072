using Houqin.Infrastructure.Calendar;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>
/// Who was on duty before the demo's rosters begin, by the same rotation <c>DemoCampus</c> seeds for the
/// weeks ahead: water and power round the clock (day and night shifts swapping daily, the leader on Sunday
/// days), repair and the front desk in office hours (weekend shifts apart), cleaning in the mornings.
/// </summary>
internal static class DemoRoster
{
    public static string? OnDuty(string post, DateTime utc)
    {
        var local = WorkingCalendar.ToLocal(utc);
        var day = DateOnly.FromDateTime(local.DateTime);
        var minute = local.Hour * 60 + local.Minute;
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return post switch
        {
            "water-duty" when minute is >= 8 * 60 and < 20 * 60 => day.DayOfWeek == DayOfWeek.Sunday ? "leader-water" : Even(day) ? "water1" : "water2",
            "water-duty" => Even(minute < 8 * 60 ? day.AddDays(-1) : day) ? "water2" : "water1",
            "repair-duty" when weekend => minute is >= 8 * 60 and < 20 * 60 ? "repair2" : null,
            "repair-duty" => minute is >= 8 * 60 and < 17 * 60 + 30 ? "repair1" : null,
            "front-desk" when weekend => minute is >= 9 * 60 and < 17 * 60 ? "frontdesk2" : null,
            "front-desk" => minute is >= 8 * 60 and < 17 * 60 + 30 ? "frontdesk" : null,
            "cleaning" => minute is >= 7 * 60 and < 15 * 60 ? "property1" : null,
            _ => null,
        };
    }

    private static bool Even(DateOnly day) => day.DayNumber % 2 == 0;
}
