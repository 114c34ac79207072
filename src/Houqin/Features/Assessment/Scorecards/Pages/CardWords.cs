using System.Globalization;
using Houqin.Features.ServiceDesk.Board;
using Houqin.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.ScorecardPages;

/// <summary>A scorecard's numbers as people read them: rates in per cent, means with two decimals, money as ¥1,234.50.</summary>
public static class CardWords
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string None = "—";

    public static bool IsRate(string key) => key.EndsWith("Rate", StringComparison.Ordinal);

    public static string Value(string key, decimal? value) =>
        value is not { } v ? None
        : IsRate(key) ? Percent(v)
        : key.EndsWith(".mean", StringComparison.Ordinal) ? v.ToString("0.00", Invariant)
        : key == "selfEvaluation.gap" ? v.ToString("+0.00;-0.00;0.00", Invariant)
        : key is Figures.Score or Figures.LeaderRating ? v.ToString("0.#", Invariant)
        : v.ToString("0", Invariant);

    public static string Percent(decimal fraction) => (fraction * 100).ToString("0.#", Invariant) + "%";

    /// <summary>How many of a rate's facts were kept: "12/13".</summary>
    public static string Kept(Figure f) => f.Value is { } v ? $"{Math.Round(v * f.Count, MidpointRounding.AwayFromZero):0}/{f.Count}" : $"0/{f.Count}";

    public static string Score(decimal? score) => Value(Figures.Score, score);

    public static string Money(decimal yuan) => yuan == 0 ? None : Houqin.Money.FromYuan(yuan).ToString();

    public static string Label(this IStringLocalizer text, string key) => text.Or("Figure_" + key, key);

    public static string Grade(this IStringLocalizer text, string? grade) => grade is null ? None : text.Or("Grade_" + grade, grade);

    public static string MonthName(AssessmentMonth m) => BoardFilter.MonthName(m.FirstDay);

    /// <summary>The short name on a trend's axis: "6月", "Jun".</summary>
    public static string ShortMonth(AssessmentMonth m) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"
            ? $"{m.Month}月"
            : m.FirstDay.ToString("MMM", CultureInfo.GetCultureInfo("en-US"));

    public static AssessmentMonth Previous(AssessmentMonth m, int back = 1)
    {
        var d = m.FirstDay.AddMonths(-back);
        return new AssessmentMonth(d.Year, d.Month);
    }

    public static Figure? Find(IReadOnlyList<Figure> figures, string key) => figures.FirstOrDefault(f => f.Key == key);
}
