using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Assessment;

/// <summary>
/// One person's daily must-do list (每日必做) at one post on one Beijing date: the items of the post's tasks whose
/// window starts while they hold the post. Opened by the deadlines engine (<see cref="ChecklistOpening"/>).
/// </summary>
public sealed class DailyChecklist
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PostId { get; private set; }

    public DateOnly Date { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime OpenedAt { get; private set; }

    private DailyChecklist() { }

    public DailyChecklist(Guid postId, DateOnly date, Guid userId, DateTime now)
    {
        PostId = postId;
        Date = date;
        UserId = userId;
        OpenedAt = now;
    }
}

public enum ItemStatus
{
    Open,
    Done,

    /// <summary>Not done by the end of its window: counted, never dropped.</summary>
    Missed,
}

/// <summary>
/// One task on one day for one person: Open until ticked (Done) or its window ends (Missed). Carries its post,
/// date and person itself, so a month's figures are one count over this table.
/// </summary>
public sealed class ChecklistItem
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ChecklistId { get; private set; }

    public Guid TaskId { get; private set; }

    public Guid PostId { get; private set; }

    public DateOnly Date { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The task's title on that day (a later rewording does not change the past).</summary>
    public string Title { get; private set; } = "";

    public DateTime WindowFrom { get; private set; }

    public DateTime WindowTo { get; private set; }

    public bool PhotoRequired { get; private set; }

    public string? ReadingUnit { get; private set; }

    public ItemStatus Status { get; private set; }

    public DateTime? DoneAt { get; private set; }

    public decimal? Reading { get; private set; }

    public string? PhotoName { get; private set; }

    public string? PhotoContentType { get; private set; }

    public DateTime? MissedAt { get; private set; }

    private ChecklistItem() { }

    public ChecklistItem(DailyChecklist list, DailyTask task)
    {
        ChecklistId = list.Id;
        TaskId = task.Id;
        PostId = list.PostId;
        Date = list.Date;
        UserId = list.UserId;
        Title = task.Title;
        (WindowFrom, WindowTo) = task.WindowOn(list.Date);
        PhotoRequired = task.PhotoRequired;
        ReadingUnit = task.ReadingUnit;
        Status = ItemStatus.Open;
    }

    /// <summary>
    /// The holder ticks it inside its window (ADR 0011: after the window it is Missed, not late), with the reading
    /// the task asks for and after the photo it asks for.
    /// </summary>
    public void Tick(Guid by, decimal? reading, DateTime now)
    {
        RequireHolder(by);
        RequireInWindow(now);
        if (ReadingUnit is null && reading is not null)
        {
            throw new AssessmentFieldException("reading", "This task takes no reading.");
        }
        if (ReadingUnit is not null && reading is null)
        {
            throw new AssessmentFieldException("reading", $"This task asks for a reading in {ReadingUnit}.");
        }
        if (PhotoRequired && PhotoName is null)
        {
            throw new AssessmentRuleException(AssessmentRuleException.PhotoRequired, "This task asks for a photo; upload it first.");
        }
        Status = ItemStatus.Done;
        DoneAt = now;
        Reading = reading;
    }

    /// <summary>The photo the task asks for, taken inside the window; a new one replaces the last until ticked.</summary>
    public void AttachPhoto(Guid by, string storedName, string contentType, DateTime now)
    {
        RequireHolder(by);
        RequireInWindow(now);
        (PhotoName, PhotoContentType) = (storedName, contentType);
    }

    /// <summary>Its window ended undone. Idempotent: a done or already missed item stays as it is.</summary>
    public bool MarkMissed(DateTime now)
    {
        if (Status != ItemStatus.Open)
        {
            return false;
        }
        Status = ItemStatus.Missed;
        MissedAt = now;
        return true;
    }

    private void RequireHolder(Guid by)
    {
        if (by != UserId)
        {
            throw new AssessmentRuleException(AssessmentRuleException.NotAllowed, "Only the person it is assigned to ticks an item.");
        }
    }

    private void RequireInWindow(DateTime now)
    {
        if (Status != ItemStatus.Open)
        {
            throw new AssessmentRuleException(
                Status == ItemStatus.Done ? AssessmentRuleException.AlreadyDone : AssessmentRuleException.WindowClosed,
                Status == ItemStatus.Done ? "The item is already done." : "The item's window has closed; it counts as missed."
            );
        }
        if (now < WindowFrom)
        {
            throw new AssessmentRuleException(AssessmentRuleException.WindowNotOpen, "The item's window has not opened yet.");
        }
        if (now >= WindowTo)
        {
            throw new AssessmentRuleException(AssessmentRuleException.WindowClosed, "The item's window has closed; it counts as missed.");
        }
    }
}

internal sealed class DailyChecklistConfiguration : IEntityTypeConfiguration<DailyChecklist>
{
    public void Configure(EntityTypeBuilder<DailyChecklist> b)
    {
        b.ToTable("daily_checklists");
        b.HasIndex(e => new { e.PostId, e.Date, e.UserId }).IsUnique();
        b.HasIndex(e => new { e.UserId, e.Date });
        b.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.ToTable("checklist_items");
        // One item per task and day, whoever holds it: opening twice adds nothing.
        b.HasIndex(e => new { e.TaskId, e.Date }).IsUnique();
        b.HasIndex(e => e.ChecklistId);
        b.HasIndex(e => new { e.UserId, e.Date });
        // A month's items done and missed per person, from the index alone (the monthly scorecards).
        b.HasIndex(e => new { e.Date, e.UserId, e.Status });
        b.Property(e => e.Title).HasMaxLength(DailyTask.TitleMax);
        b.Property(e => e.ReadingUnit).HasMaxLength(16);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Reading).HasPrecision(18, 4);
        b.Property(e => e.PhotoName).HasMaxLength(32);
        b.Property(e => e.PhotoContentType).HasMaxLength(32);
        b.HasOne<DailyChecklist>().WithMany().HasForeignKey(e => e.ChecklistId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DailyTask>().WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
