using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Assessment;

/// <summary>
/// A person's work log (工作日志) for one Beijing date: open while they add entries, closed with their
/// self-evaluation of satisfaction (1–5), then reviewed by their team leader with a comment. One row per
/// person and day once anything is written; the matters from the service desk are read, not stored.
/// </summary>
public sealed class WorkLogDay
{
    public const int CommentMax = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid UserId { get; private set; }

    public DateOnly Date { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>The person's own satisfaction with the day's service (自评), 1–5, given when closing.</summary>
    public int? Satisfaction { get; private set; }

    public string? SelfComment { get; private set; }

    public Guid? ReviewedById { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public string? LeaderComment { get; private set; }

    private WorkLogDay() { }

    public WorkLogDay(Guid userId, DateOnly date)
    {
        UserId = userId;
        Date = date;
    }

    public bool Closed => ClosedAt is not null;

    public void RequireOpen()
    {
        if (Closed)
        {
            throw new AssessmentRuleException(AssessmentRuleException.DayClosed, "The day is closed; its log no longer changes.");
        }
    }

    public void Close(int satisfaction, string? comment, DateTime now)
    {
        RequireOpen();
        if (satisfaction is < 1 or > 5)
        {
            throw new AssessmentFieldException("satisfaction", "satisfaction is 1 to 5.");
        }
        Satisfaction = satisfaction;
        SelfComment = Text.Optional(comment, "comment", CommentMax);
        ClosedAt = now;
    }

    /// <summary>The leader reads the closed day and comments; a later comment replaces the earlier one.</summary>
    public void Review(Guid leaderId, string comment, DateTime now)
    {
        if (!Closed)
        {
            throw new AssessmentRuleException(AssessmentRuleException.DayNotClosed, "The day is reviewed once its author has closed it.");
        }
        if (leaderId == UserId)
        {
            throw new AssessmentRuleException(AssessmentRuleException.NotAllowed, "Nobody reviews their own log.");
        }
        LeaderComment = Text.Require(comment, "comment", CommentMax);
        ReviewedById = leaderId;
        ReviewedAt = now;
    }
}

/// <summary>A matter written into the log by hand: the process, the result and the method (过程、结果、方法).</summary>
public sealed class WorkLogEntry
{
    public const int FieldMax = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid DayId { get; private set; }

    public Guid UserId { get; private set; }

    public DateOnly Date { get; private set; }

    public string Process { get; private set; } = "";

    public string Result { get; private set; } = "";

    public string Method { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    private WorkLogEntry() { }

    public WorkLogEntry(WorkLogDay day, string? process, string? result, string? method, DateTime now)
    {
        day.RequireOpen();
        DayId = day.Id;
        UserId = day.UserId;
        Date = day.Date;
        Process = Text.Require(process, "process", FieldMax);
        Result = Text.Require(result, "result", FieldMax);
        Method = Text.Require(method, "method", FieldMax);
        CreatedAt = now;
    }
}

internal sealed class WorkLogDayConfiguration : IEntityTypeConfiguration<WorkLogDay>
{
    public void Configure(EntityTypeBuilder<WorkLogDay> b)
    {
        b.ToTable("work_log_days");
        b.HasIndex(e => new { e.UserId, e.Date }).IsUnique();
        b.HasIndex(e => e.Date);
        b.Property(e => e.SelfComment).HasMaxLength(WorkLogDay.CommentMax);
        b.Property(e => e.LeaderComment).HasMaxLength(WorkLogDay.CommentMax);
        b.Ignore(e => e.Closed);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ReviewedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkLogEntryConfiguration : IEntityTypeConfiguration<WorkLogEntry>
{
    public void Configure(EntityTypeBuilder<WorkLogEntry> b)
    {
        b.ToTable("work_log_entries");
        b.HasIndex(e => e.DayId);
        b.HasIndex(e => new { e.UserId, e.Date });
        b.Property(e => e.Process).HasMaxLength(WorkLogEntry.FieldMax);
        b.Property(e => e.Result).HasMaxLength(WorkLogEntry.FieldMax);
        b.Property(e => e.Method).HasMaxLength(WorkLogEntry.FieldMax);
        b.HasOne<WorkLogDay>().WithMany().HasForeignKey(e => e.DayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
