using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Procedures;

public enum CommentStage
{
    /// <summary>From the office's staff during the department discussion.</summary>
    Discussion,

    /// <summary>From any teacher or student during the public consultation.</summary>
    Consultation,
}

public enum CommentOutcome
{
    Adopted,
    PartlyAdopted,
    NotAdopted,
}

/// <summary>
/// A comment on one clause of a version, and the office's answer to it (采纳 / 部分采纳 / 不采纳, with a reason),
/// published with the final text.
/// </summary>
public sealed class ProcedureComment
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid VersionId { get; private set; }

    public int ClauseNumber { get; private set; }

    public CommentStage Stage { get; private set; }

    public Guid AuthorId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public CommentOutcome? Outcome { get; private set; }

    public string? Reason { get; private set; }

    public Guid? AnsweredById { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    private ProcedureComment() { }

    /// <summary>A comment on clause <paramref name="clause"/>; the stage follows from where the version stands.</summary>
    public static ProcedureComment Make(ProcedureVersion version, int clause, Guid by, bool byOfficeStaff, string text, DateTime now)
    {
        var stage = version.Status switch
        {
            VersionStatus.Discussion when byOfficeStaff => CommentStage.Discussion,
            VersionStatus.Discussion => throw new ProcedureRuleException(ProcedureRuleException.NotAllowed, "Only the office's staff comment during the department discussion."),
            VersionStatus.Consultation when version.AcceptsPublicComments(now) => CommentStage.Consultation,
            VersionStatus.Consultation => throw new ProcedureRuleException(ProcedureRuleException.ConsultationClosed, "The public consultation has closed."),
            _ => throw new ProcedureRuleException(ProcedureRuleException.InvalidState, $"Version {version.Number} is {version.Status}: it takes no comments."),
        };
        if (version.Clauses.All(c => c.Number != clause))
        {
            throw new ProcedureFieldException("clause", $"There is no clause {clause} in version {version.Number}.");
        }
        var t = (text ?? "").Trim();
        if (t.Length is 0 or > TextMaxLength)
        {
            throw new ProcedureFieldException("text", $"text is required (at most {TextMaxLength} characters).");
        }
        return new ProcedureComment
        {
            VersionId = version.Id,
            ClauseNumber = clause,
            Stage = stage,
            AuthorId = by,
            Text = t,
            CreatedAt = now,
        };
    }

    /// <summary>The office's answer; it may be revised until the version is submitted.</summary>
    public void Answer(ProcedureVersion version, CommentOutcome outcome, string reason, Guid by, DateTime now)
    {
        if (!version.IsEditable)
        {
            throw new ProcedureRuleException(ProcedureRuleException.Immutable, "The version has gone to the meeting: its answers no longer change.");
        }
        var r = (reason ?? "").Trim();
        if (r.Length is 0 or > TextMaxLength)
        {
            throw new ProcedureFieldException("reason", $"reason is required (at most {TextMaxLength} characters).");
        }
        Outcome = outcome;
        Reason = r;
        AnsweredById = by;
        AnsweredAt = now;
        Version = Guid.NewGuid();
    }
}

internal sealed class ProcedureCommentConfiguration : IEntityTypeConfiguration<ProcedureComment>
{
    public void Configure(EntityTypeBuilder<ProcedureComment> b)
    {
        b.ToTable("procedure_comments");
        b.HasIndex(e => new { e.VersionId, e.ClauseNumber });
        b.HasOne<ProcedureVersion>().WithMany().HasForeignKey(e => e.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.Stage).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Text).HasMaxLength(ProcedureComment.TextMaxLength);
        b.Property(e => e.Reason).HasMaxLength(ProcedureComment.TextMaxLength);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
