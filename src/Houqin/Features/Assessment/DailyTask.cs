using System.Globalization;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Assessment;

/// <summary>
/// A daily must-do task of a post (每日必做), e.g. "08:00 巡查锅炉房": done within a window of Beijing wall-clock
/// time each day the post's checklist opens, with a photo and a reading (a meter value in a unit) when it asks.
/// A window whose end is not after its start runs past midnight. Retired, never deleted: past items name it.
/// </summary>
public sealed class DailyTask
{
    public const int TitleMax = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PostId { get; private set; }

    public string Title { get; private set; } = "";

    public TimeOnly WindowStart { get; private set; }

    public TimeOnly WindowEnd { get; private set; }

    public bool PhotoRequired { get; private set; }

    /// <summary>The unit of the reading the task asks for (e.g. <c>m³</c>, <c>kWh</c>, <c>℃</c>); null when it asks none.</summary>
    public string? ReadingUnit { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? RetiredAt { get; private set; }

    private DailyTask() { }

    public DailyTask(Guid postId, string title, TimeOnly windowStart, TimeOnly windowEnd, bool photoRequired, string? readingUnit, DateTime now)
    {
        if (windowStart == windowEnd)
        {
            throw new AssessmentFieldException("windowEnd", "The window ends at another time than it starts.");
        }
        PostId = postId;
        Title = Text.Require(title, "title", TitleMax);
        (WindowStart, WindowEnd) = (windowStart, windowEnd);
        PhotoRequired = photoRequired;
        ReadingUnit = Text.Optional(readingUnit, "readingUnit", 16);
        CreatedAt = now;
    }

    public bool Active => RetiredAt is null;

    public void Retire(DateTime now) => RetiredAt ??= now;

    /// <summary>The window on a Beijing date as UTC instants; it ends the next day when it runs past midnight.</summary>
    public (DateTime From, DateTime To) WindowOn(DateOnly date)
    {
        var from = Beijing(date, WindowStart);
        var to = Beijing(WindowEnd > WindowStart ? date : date.AddDays(1), WindowEnd);
        return (from, to);
    }

    private static DateTime Beijing(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), Infrastructure.Calendar.WorkingCalendar.Zone);

    /// <summary><c>HH:mm</c>, as a form or a client sends it.</summary>
    public static TimeOnly ParseTime(string? value, string field) =>
        TimeOnly.TryParseExact((value ?? "").Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new AssessmentFieldException(field, $"{field} is a time of day as HH:mm.");
}

internal sealed class DailyTaskConfiguration : IEntityTypeConfiguration<DailyTask>
{
    public void Configure(EntityTypeBuilder<DailyTask> b)
    {
        b.ToTable("daily_tasks");
        b.HasIndex(e => e.PostId);
        b.Property(e => e.Title).HasMaxLength(DailyTask.TitleMax);
        b.Property(e => e.ReadingUnit).HasMaxLength(16);
        b.Ignore(e => e.Active);
        b.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}
