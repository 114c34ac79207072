using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Calendar;

/// <summary>Campus and region codes: blank means none (the office default, the national schedule).</summary>
public static class PlaceCode
{
    public static string? OrNull(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();
}

/// <summary>What the State Council (or a region) says about a date: a day off, or a make-up working day (调休).</summary>
public enum CalendarDayKind
{
    DayOff,
    MakeUpWorkday,
}

/// <summary>
/// One published day of a year's schedule. <see cref="Region"/> null is the national schedule; a region code
/// (matching a campus's region) adds or overrides days for that region only.
/// </summary>
public sealed class CalendarDay
{
    public const int MaxNameLength = 64;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    /// <summary>The holiday the day belongs to (元旦, 春节…), also on its make-up working days.</summary>
    public string Name { get; private set; } = "";

    public string? Region { get; private set; }

    private CalendarDay() { }

    public CalendarDay(DateOnly date, CalendarDayKind kind, string name, string? region)
    {
        Date = date;
        Kind = kind;
        Name = name;
        Region = PlaceCode.OrNull(region);
    }

    public void Change(CalendarDayKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Id);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Name).HasMaxLength(CalendarDay.MaxNameLength);
        b.Property(d => d.Region).HasMaxLength(32);
        b.HasIndex(d => new { d.Date, d.Region }).IsUnique();
    }
}

/// <summary>
/// A year whose national schedule has been published and loaded. Dates in a year without a row here fall
/// back to Monday–Friday and make every computation touching them provisional.
/// </summary>
public sealed class CalendarYear
{
    public int Year { get; private set; }

    /// <summary>Where the data came from: <c>shipped</c>, <c>import</c>, or an administrator's edit.</summary>
    public string Source { get; private set; } = "";

    public DateTime ChangedAt { get; private set; }

    private CalendarYear() { }

    public CalendarYear(int year, string source, DateTime changedAt)
    {
        Year = year;
        Source = source;
        ChangedAt = changedAt;
    }

    public void Touch(string source, DateTime changedAt)
    {
        Source = source;
        ChangedAt = changedAt;
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.Source).HasMaxLength(32);
    }
}
