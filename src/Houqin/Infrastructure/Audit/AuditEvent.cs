using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// One recorded state change: who, when, what, to which subject, with what data and why.
/// Appended in the same transaction as the change; never updated or deleted (the database refuses).
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; private set; }

    public DateTime At { get; private set; }

    public string Actor { get; private set; } = "";

    public string Action { get; private set; } = "";

    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    /// <summary>JSON of what changed, as the action's author chose to describe it.</summary>
    public string Data { get; private set; } = "{}";

    public string? Reason { get; private set; }

    private AuditEvent() { }

    public AuditEvent(
        DateTime at,
        string actor,
        string action,
        string subjectType,
        string subjectId,
        string data,
        string? reason
    )
    {
        At = at;
        Actor = actor;
        Action = action;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Data = data;
        Reason = reason;
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedOnAdd();
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(128);
        b.Property(e => e.SubjectType).HasMaxLength(128);
        b.Property(e => e.SubjectId).HasMaxLength(128);
        b.HasIndex(e => new { e.SubjectType, e.SubjectId });
        // What one person did in a period (a work log's day): by actor, then time.
        b.HasIndex(e => new { e.Actor, e.At });
        // What happened of one kind in a period (a month's declined hand-offs and rejected completions).
        b.HasIndex(e => new { e.Action, e.At });
    }
}
