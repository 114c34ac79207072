using System.Globalization;
using System.Text.RegularExpressions;

namespace Houqin.Infrastructure.Policies;

/// <summary>
/// An ISO 8601 duration limited to what a procedure needs: days, hours and minutes (<c>P3D</c>, <c>PT30M</c>,
/// <c>P1DT2H</c>). Years, months, weeks and seconds are refused: their length is ambiguous or meaningless here.
/// </summary>
public readonly partial record struct PolicyDuration(int Days, int Minutes)
{
    /// <summary>
    /// A working day in a commitment counts as one standard day of office hours, 7.5 hours (PRODUCT.md's
    /// 08:00–12:00 and 14:00–17:30), so "resolve within 3 working days" is 1,350 office minutes.
    /// </summary>
    public const int WorkingDayMinutes = 450;

    [GeneratedRegex(@"^P(?:(\d{1,4})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    public static bool TryParse(string? text, out PolicyDuration duration)
    {
        duration = default;
        var m = Iso().Match(text ?? "");
        if (!m.Success || text!.EndsWith('T') || text == "P")
        {
            return false;
        }
        static int N(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        duration = new PolicyDuration(N(m.Groups[1]), N(m.Groups[2]) * 60 + N(m.Groups[3]));
        return duration.Days > 0 || duration.Minutes > 0;
    }

    public static PolicyDuration Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not an ISO 8601 duration of days, hours and minutes.");

    /// <summary>As office minutes: each day is <see cref="WorkingDayMinutes"/>.</summary>
    public int WorkingMinutes => Days * WorkingDayMinutes + Minutes;

    /// <summary>As wall-clock time.</summary>
    public TimeSpan Wall => TimeSpan.FromDays(Days) + TimeSpan.FromMinutes(Minutes);

    /// <summary>The canonical ISO form: <c>P1DT2H30M</c>.</summary>
    public override string ToString()
    {
        var time = (Minutes / 60, Minutes % 60) switch
        {
            (0, 0) => "",
            (0, var m) => $"T{m}M",
            (var h, 0) => $"T{h}H",
            (var h, var m) => $"T{h}H{m}M",
        };
        return "P" + (Days > 0 ? $"{Days}D" : "") + time;
    }
}
