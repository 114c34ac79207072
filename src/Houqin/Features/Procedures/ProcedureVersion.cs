using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Procedures;

/// <summary>Where a version stands (docs/decisions/0009).</summary>
public enum VersionStatus
{
    Draft,

    /// <summary>部门讨论: the office's staff comment per clause.</summary>
    Discussion,

    /// <summary>征求意见: any signed-in teacher or student comments per clause until the closing instant.</summary>
    Consultation,

    /// <summary>提交校长办公会.</summary>
    Submitted,

    /// <summary>Approved and published, waiting for its effective instant.</summary>
    Approved,

    InForce,

    Superseded,
}

/// <summary>A numbered clause (条款): a heading and sanitised rich text.</summary>
public sealed class Clause
{
    public int Number { get; private set; }

    public string Heading { get; private set; } = "";

    /// <summary>HTML that passed <see cref="ClauseHtml.Sanitise"/>.</summary>
    public string Text { get; private set; } = "";

    private Clause() { }

    public Clause(int number, string heading, string text)
    {
        Number = number;
        Heading = heading;
        Text = text;
    }
}

/// <summary>One policy parameter's value in a version, in the canonical JSON of its unit.</summary>
public sealed class VersionParameter
{
    public string Key { get; private set; } = "";

    public string Value { get; private set; } = "";

    private VersionParameter() { }

    public VersionParameter(string key, string value)
    {
        Key = key;
        Value = value;
    }
}

/// <summary>
/// One version of a procedure and its way from draft to force (部门起草 → 部门讨论 → 征求意见 → 校长办公会审议 → 发布
/// → 废止). Text and parameters change only before submission; once published a version never changes.
/// </summary>
public sealed partial class ProcedureVersion
{
    public const int HeadingMaxLength = 200;
    public const int ClauseMaxLength = 20_000;
    public const int ReasonMaxLength = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ProcedureId { get; private set; }

    public int Number { get; private set; }

    public VersionStatus Status { get; private set; }

    public List<Clause> Clauses { get; private set; } = [];

    public List<VersionParameter> Parameters { get; private set; } = [];

    public Guid DraftedById { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? DiscussionStartedAt { get; private set; }

    public DateTime? ConsultationStartedAt { get; private set; }

    public DateTime? ConsultationClosesAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    /// <summary>Why the principal's office meeting sent the last submission back; cleared by the next submission.</summary>
    public string? SentBackReason { get; private set; }

    public DateOnly? MeetingDate { get; private set; }

    public string? MinutesRef { get; private set; }

    public string? ResolutionNo { get; private set; }

    public Guid? ApprovedById { get; private set; }

    public DateTime? ApprovedAt { get; private set; }

    public DateTime? EffectiveAt { get; private set; }

    public DateTime? SupersededAt { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    private ProcedureVersion() { }

    /// <summary>Version 1 of a new procedure, or the next draft copied from <paramref name="from"/>.</summary>
    public static ProcedureVersion Draft(Guid procedureId, int number, ProcedureVersion? from, Guid by, DateTime now) =>
        new()
        {
            ProcedureId = procedureId,
            Number = number,
            Status = VersionStatus.Draft,
            DraftedById = by,
            CreatedAt = now,
            Clauses = from is null ? [] : [.. from.Clauses.Select(c => new Clause(c.Number, c.Heading, c.Text))],
            Parameters = from is null ? [] : [.. from.Parameters.Select(p => new VersionParameter(p.Key, p.Value))],
        };

    /// <summary>Text and parameters may change until the version goes to the principal's office meeting.</summary>
    public bool IsEditable => Status is VersionStatus.Draft or VersionStatus.Discussion or VersionStatus.Consultation;

    public bool IsPublished => Status is VersionStatus.Approved or VersionStatus.InForce or VersionStatus.Superseded;

    public string? ParameterValue(string key) => Parameters.FirstOrDefault(p => p.Key == key)?.Value;

    private void RequireEditable()
    {
        if (!IsEditable)
        {
            throw new ProcedureRuleException(ProcedureRuleException.Immutable, $"Version {Number} is {Status}: its text and parameters no longer change.");
        }
    }

    private void Require(VersionStatus status, string step)
    {
        if (Status != status)
        {
            throw new ProcedureRuleException(ProcedureRuleException.InvalidState, $"Cannot {step} a version that is {Status}.");
        }
    }

    private void Touch() => Version = Guid.NewGuid();
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    public void Configure(EntityTypeBuilder<ProcedureVersion> b)
    {
        b.ToTable("procedure_versions");
        b.HasIndex(e => new { e.ProcedureId, e.Number }).IsUnique();
        b.HasOne<Procedure>().WithMany().HasForeignKey(e => e.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.SentBackReason).HasMaxLength(ProcedureVersion.ReasonMaxLength);
        b.Property(e => e.MinutesRef).HasMaxLength(100);
        b.Property(e => e.ResolutionNo).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.OwnsMany(
            e => e.Clauses,
            c =>
            {
                c.ToTable("procedure_clauses");
                c.WithOwner().HasForeignKey("VersionId");
                c.HasKey("VersionId", nameof(Clause.Number));
                c.Property(x => x.Heading).HasMaxLength(ProcedureVersion.HeadingMaxLength);
            }
        );
        b.OwnsMany(
            e => e.Parameters,
            p =>
            {
                p.ToTable("procedure_parameters");
                p.WithOwner().HasForeignKey("VersionId");
                p.HasKey("VersionId", nameof(VersionParameter.Key));
                p.Property(x => x.Key).HasMaxLength(200);
                p.Property(x => x.Value).HasMaxLength(4000);
            }
        );
        b.Navigation(e => e.Clauses).AutoInclude();
        b.Navigation(e => e.Parameters).AutoInclude();
    }
}
