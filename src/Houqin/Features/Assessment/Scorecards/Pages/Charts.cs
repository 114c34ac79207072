using System.Globalization;

namespace Houqin.Features.Assessment.ScorecardPages;

/// <summary>One bar: its label, its value (null draws no bar), the value as people read it, and where it leads.</summary>
public sealed record Bar(string Label, decimal? Value, string Shown, string? Href = null, string? Key = null, bool Current = false);

/// <summary>
/// A horizontal bar chart drawn on the server as inline SVG (no script, CSP-safe). The drawing is 320 units wide so
/// that on a phone one unit is about one pixel and the 13-unit labels stay readable; CSS caps its width on a desktop.
/// </summary>
public sealed record BarChart(string Id, string Title, string Description, decimal Max, IReadOnlyList<Bar> Bars)
{
    public const int Width = 320;
    public const int Row = 40;
    public const int Track = 250;

    public int Height => Bars.Count * Row + 4;

    public static string N(double d) => Math.Round(d, 1).ToString(CultureInfo.InvariantCulture);

    public double Length(Bar b) => b.Value is { } v && Max > 0 ? Math.Clamp((double)(v / Max), 0, 1) * Track : 0;
}

/// <summary>One line of a trend: a value per month (null where nothing was measured).</summary>
public sealed record Series(string Key, string Label, IReadOnlyList<decimal?> Values);

/// <summary>A few lines over the months (the four rating dimensions over half a year), values from <see cref="Min"/> to <see cref="Max"/>.</summary>
public sealed record TrendChart(string Id, string Title, string Description, IReadOnlyList<string> Months, decimal Min, decimal Max, IReadOnlyList<Series> Series)
{
    public const int Width = 320;
    public const int Height = 190;
    public const double Left = 26;
    public const double Right = 310;
    public const double Top = 10;
    public const double Bottom = 160;

    public double X(int i) => Months.Count <= 1 ? (Left + Right) / 2 : Left + i * (Right - Left) / (Months.Count - 1);

    public double Y(decimal v) => Bottom - (double)((Math.Clamp(v, Min, Max) - Min) / (Max - Min)) * (Bottom - Top);

    /// <summary>The runs of consecutive measured months, each drawn as one polyline (a month without ratings breaks the line).</summary>
    public IEnumerable<string> Runs(Series s)
    {
        var run = new List<string>();
        for (var i = 0; i <= s.Values.Count; i++)
        {
            if (i < s.Values.Count && s.Values[i] is { } v)
            {
                run.Add($"{BarChart.N(X(i))},{BarChart.N(Y(v))}");
                continue;
            }
            if (run.Count > 1)
            {
                yield return string.Join(' ', run);
            }
            run.Clear();
        }
    }
}
