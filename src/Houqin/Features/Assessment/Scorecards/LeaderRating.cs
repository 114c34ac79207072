using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Assessment;

/// <summary>
/// The team leader's rating of a person's month (1–5 with a comment): one per person and month, changed by rating
/// again until the director signs the month off.
/// </summary>
public sealed class LeaderRating
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The month as "yyyy-MM".</summary>
    public string Month { get; private set; } = "";

    public Guid UserId { get; private set; }

    public int Rating { get; private set; }

    public string? Comment { get; private set; }

    public Guid RatedById { get; private set; }

    public DateTime RatedAt { get; private set; }

    private LeaderRating() { }

    public static LeaderRating For(AssessmentMonth month, Guid userId) => new() { Month = month.ToString(), UserId = userId };

    public void Rate(int? rating, string? comment, Guid by, DateTime now)
    {
        if (rating is not (>= 1 and <= 5))
        {
            throw new AssessmentFieldException("rating", "rating is a whole number from 1 to 5.");
        }
        if (by == UserId)
        {
            throw new AssessmentRuleException(AssessmentRuleException.NotAllowed, "Nobody rates their own month.");
        }
        (Rating, Comment, RatedById, RatedAt) = (rating.Value, Text.Optional(comment, "comment", 1000), by, now);
    }
}

internal sealed class LeaderRatingConfiguration : IEntityTypeConfiguration<LeaderRating>
{
    public void Configure(EntityTypeBuilder<LeaderRating> b)
    {
        b.ToTable("leader_ratings");
        b.HasIndex(e => new { e.Month, e.UserId }).IsUnique();
        b.Property(e => e.Month).HasMaxLength(7);
        b.Property(e => e.Comment).HasMaxLength(1000);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.RatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
