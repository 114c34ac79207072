using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Assessment;

/// <summary>A post's written duties (岗位职责): what the holder answers for, as the office words it. One per post.</summary>
public sealed class PostDuty
{
    public const int MaxLength = 8000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PostId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTime UpdatedAt { get; private set; }

    public Guid? UpdatedById { get; private set; }

    private PostDuty() { }

    public PostDuty(Guid postId, string text, Guid? by, DateTime now)
    {
        PostId = postId;
        Rewrite(text, by, now);
    }

    public void Rewrite(string text, Guid? by, DateTime now)
    {
        Text = Assessment.Text.Require(text, "text", MaxLength);
        UpdatedById = by;
        UpdatedAt = now;
    }
}

internal sealed class PostDutyConfiguration : IEntityTypeConfiguration<PostDuty>
{
    public void Configure(EntityTypeBuilder<PostDuty> b)
    {
        b.ToTable("post_duties");
        b.HasIndex(e => e.PostId).IsUnique();
        b.Property(e => e.Text).HasMaxLength(PostDuty.MaxLength);
        b.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UpdatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
