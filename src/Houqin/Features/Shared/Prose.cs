using System.Globalization;

namespace Houqin.Features.Shared;

/// <summary>
/// Dates and times as people read them in running text: <c>2026年2月14日</c> in Chinese, <c>February 14, 2026</c>
/// in English, always in Beijing time (data and APIs keep ISO 8601 and UTC).
/// </summary>
public static class Prose
{
    /// <summary>China has kept UTC+8 without daylight saving since 1991.</summary>
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static bool Chinese(CultureInfo c) => c.TwoLetterISOLanguageName == "zh";

    public static string Date(DateOnly d, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return Chinese(c)
            ? $"{d.Year}年{d.Month}月{d.Day}日"
            : d.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"));
    }

    /// <summary>The date with its weekday: <c>2026年11月30日 星期一</c>.</summary>
    public static string DateWithWeekday(DateOnly d, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return Chinese(c)
            ? $"{Date(d, c)} {CultureInfo.GetCultureInfo("zh-CN").DateTimeFormat.GetDayName(d.DayOfWeek)}"
            : d.ToString("dddd, MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"));
    }

    public static DateTime ToBeijing(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Beijing);

    /// <summary>The UTC instant of a wall-clock time in Beijing (as a <c>datetime-local</c> input sends it).</summary>
    public static DateTime FromBeijing(DateTime beijing) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(beijing, DateTimeKind.Unspecified) - Beijing, DateTimeKind.Utc);

    /// <summary>Dates people type into forms must fall in this range; outside it they are typing mistakes.</summary>
    public static bool IsPlausible(DateTime? wallClock) => wallClock is { Year: >= 2000 and <= 2099 };

    public static DateOnly BeijingDate(DateTime utc) => DateOnly.FromDateTime(ToBeijing(utc));

    /// <summary>An instant as date and 24-hour time in Beijing: <c>2026年11月30日 09:00</c>.</summary>
    public static string Instant(DateTime utc, CultureInfo? culture = null)
    {
        var local = ToBeijing(utc);
        return $"{Date(DateOnly.FromDateTime(local), culture)} {local:HH:mm}";
    }

    /// <summary>Only the time when it falls on <paramref name="today"/>, otherwise date and time.</summary>
    public static string Time(DateTime utc, DateOnly today, CultureInfo? culture = null)
    {
        var local = ToBeijing(utc);
        return DateOnly.FromDateTime(local) == today
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : Instant(utc, culture);
    }
}
