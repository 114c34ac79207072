using System.Text.Json;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Outbox;

/// <summary>
/// One person's in-app notice: saved with the business change that caused it, so it is there exactly when the
/// change is. It keeps the kind and arguments, not text: the reader's language renders it.
/// </summary>
public sealed class Notice
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RecipientId { get; private set; }

    /// <summary>e.g. <c>service_request.handed_off</c>.</summary>
    public string Kind { get; private set; } = "";

    public string SubjectType { get; private set; } = "";

    public Guid SubjectId { get; private set; }

    /// <summary>The kind's arguments (string values) as a JSON object.</summary>
    public string Args { get; private set; } = "{}";

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    private Notice() { }

    public Notice(Guid recipientId, string kind, string subjectType, Guid subjectId, IReadOnlyDictionary<string, string>? args, DateTime now)
    {
        RecipientId = recipientId;
        Kind = kind;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Args = JsonSerializer.Serialize(args ?? new Dictionary<string, string>());
        CreatedAt = now;
    }

    public IReadOnlyDictionary<string, string> Arguments() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Args) ?? [];

    public void MarkRead(DateTime now) => ReadAt ??= now;
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices");
        // The list is a keyset over (recipient, id) with version-7 ids, newest first; the badge counts unread.
        b.HasIndex(n => new { n.RecipientId, n.Id });
        b.HasIndex(n => new { n.RecipientId, n.ReadAt });
        b.Property(n => n.Kind).HasMaxLength(64);
        b.Property(n => n.SubjectType).HasMaxLength(64);
        b.Property(n => n.Args).HasMaxLength(4000);
        b.HasOne<User>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}
