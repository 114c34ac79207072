using System.Globalization;
using Houqin.Infrastructure.Calendar;

namespace Houqin.Features.Assessment;

/// <summary>A calendar month on Beijing dates ("2026-11"): the period a scorecard covers and the director signs off.</summary>
public readonly record struct AssessmentMonth(int Year, int Month)
{
    public static bool TryParse(string? value, out AssessmentMonth month)
    {
        month = default;
        if (!DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return false;
        }
        month = new AssessmentMonth(d.Year, d.Month);
        return true;
    }

    public static AssessmentMonth Of(DateTime utc)
    {
        var d = WorkingCalendar.LocalDate(utc);
        return new AssessmentMonth(d.Year, d.Month);
    }

    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The first day of the next month (exclusive end).</summary>
    public DateOnly EndDay => FirstDay.AddMonths(1);

    /// <summary>Beijing midnight at the start of the month, as UTC.</summary>
    public DateTime FromUtc => ChecklistOpening.Midnight(FirstDay);

    /// <summary>Beijing midnight at the start of the next month, as UTC (exclusive).</summary>
    public DateTime ToUtc => ChecklistOpening.Midnight(EndDay);

    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
