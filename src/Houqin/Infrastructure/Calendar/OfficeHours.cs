using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Calendar;

/// <summary>A span of a working day when the office is staffed, e.g. 08:00–12:00.</summary>
public readonly record struct OfficePeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;

    /// <summary>Parses <c>08:00-12:00,13:30-17:00</c>: ascending, not overlapping, each non-empty; empty text means closed.</summary>
    public static IReadOnlyList<OfficePeriod> ParseList(string? text)
    {
        var result = new List<OfficePeriod>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (
                ends.Length != 2
                || !TimeOnly.TryParseExact(ends[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(ends[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            )
            {
                throw new FormatException($"'{part}' is not a period like 08:00-12:00.");
            }
            if (end <= start || (result.Count > 0 && start < result[^1].End))
            {
                throw new FormatException($"'{part}' must end after it starts and after the previous period.");
            }
            result.Add(new OfficePeriod(start, end));
        }
        return result;
    }

    public static string Format(IEnumerable<OfficePeriod> periods) =>
        string.Join(
            ',',
            periods.Select(p =>
                p.Start.ToString("HH:mm", CultureInfo.InvariantCulture) + "-" + p.End.ToString("HH:mm", CultureInfo.InvariantCulture)
            )
        );
}

/// <summary>
/// Office hours of a campus (null: the office's default) for a season that recurs every year, given as
/// month-day bounds that may wrap the new year (秋冬 10-01 → 04-30).
/// </summary>
public sealed class OfficeHours
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string? CampusCode { get; private set; }

    /// <summary>The season's name as the office says it (春夏作息, 秋冬作息).</summary>
    public string Season { get; private set; } = "";

    /// <summary>First day of the season, month × 100 + day (e.g. 1001).</summary>
    public int FromMonthDay { get; private set; }

    /// <summary>Last day of the season, inclusive.</summary>
    public int ToMonthDay { get; private set; }

    /// <summary>Stored as <c>08:00-12:00,13:30-17:00</c>.</summary>
    public string Periods { get; private set; } = "";

    private OfficeHours() { }

    public OfficeHours(string? campusCode, string season, int fromMonthDay, int toMonthDay, string periods)
    {
        if (!ValidMonthDay(fromMonthDay) || !ValidMonthDay(toMonthDay))
        {
            throw new ArgumentOutOfRangeException(nameof(fromMonthDay), "Month-days are MMDD, e.g. 1001.");
        }
        if (OfficePeriod.ParseList(periods).Count == 0)
        {
            throw new ArgumentException("A season needs at least one office period.", nameof(periods));
        }
        CampusCode = PlaceCode.OrNull(campusCode);
        Season = season;
        FromMonthDay = fromMonthDay;
        ToMonthDay = toMonthDay;
        Periods = periods;
    }

    public static bool ValidMonthDay(int md) =>
        md / 100 is >= 1 and <= 12 && md % 100 >= 1 && md % 100 <= DateTime.DaysInMonth(2024, md / 100);
}

internal sealed class OfficeHoursConfiguration : IEntityTypeConfiguration<OfficeHours>
{
    public void Configure(EntityTypeBuilder<OfficeHours> b)
    {
        b.ToTable("office_hours");
        b.HasKey(h => h.Id);
        b.Property(h => h.CampusCode).HasMaxLength(32);
        b.Property(h => h.Season).HasMaxLength(64);
        b.Property(h => h.Periods).HasMaxLength(256);
        b.HasIndex(h => h.CampusCode);
    }
}

/// <summary>
/// A university vacation (寒假, 暑假): on its working days the office keeps the vacation's own hours,
/// or is closed when it has none. Campus null applies to every campus.
/// </summary>
public sealed class Vacation
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string? CampusCode { get; private set; }

    public string Name { get; private set; } = "";

    public DateOnly From { get; private set; }

    /// <summary>Last day, inclusive.</summary>
    public DateOnly To { get; private set; }

    /// <summary>Empty: closed.</summary>
    public string Periods { get; private set; } = "";

    private Vacation() { }

    public Vacation(string? campusCode, string name, DateOnly from, DateOnly to, string periods)
    {
        if (to < from)
        {
            throw new ArgumentException("A vacation ends on or after its first day.", nameof(to));
        }
        _ = OfficePeriod.ParseList(periods);
        CampusCode = PlaceCode.OrNull(campusCode);
        Name = name;
        From = from;
        To = to;
        Periods = periods;
    }
}

internal sealed class VacationConfiguration : IEntityTypeConfiguration<Vacation>
{
    public void Configure(EntityTypeBuilder<Vacation> b)
    {
        b.ToTable("vacations");
        b.HasKey(v => v.Id);
        b.Property(v => v.CampusCode).HasMaxLength(32);
        b.Property(v => v.Name).HasMaxLength(64);
        b.Property(v => v.Periods).HasMaxLength(256);
        b.HasIndex(v => v.From);
    }
}
