using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>
/// The requester's rating (评价) of a confirmed request, once. A confirmed request nobody rated — it confirmed itself, its
/// requester let the rating window pass, or it was logged for a caller without an account — gets a <em>default</em>
/// instead (ADR 0023): it carries no scores and is hidden from every query of ratings by the
/// <see cref="RatingConfiguration.RealOnly"/> filter, so no average, count or board can take it for a real one.
/// The requester may still rate later; the real rating then replaces the default in the same row.
/// </summary>
public sealed class Rating
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RequestId { get; private set; }

    /// <summary>Who rated; null for a default.</summary>
    public Guid? RequesterId { get; private set; }

    public int? Timeliness { get; private set; }

    public int? Quality { get; private set; }

    public int? Attitude { get; private set; }

    public int? Satisfaction { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>True while nobody has rated: the request was confirmed and its requester said nothing in time, or it has none.</summary>
    public bool IsDefault { get; private set; }

    public DateTime At { get; private set; }

    private Rating() { }

    /// <summary>The requester rates the request they confirmed.</summary>
    public static Rating Give(ServiceRequest request, Guid by, Scores scores, string? comment, DateTime now)
    {
        RequireMayRate(request, by);
        var rating = new Rating { RequestId = request.Id };
        rating.Rate(by, scores, comment, now);
        return rating;
    }

    /// <summary>The placeholder for a confirmed request nobody rated: marked default, without scores.</summary>
    public static Rating Default(ServiceRequest request, DateTime now)
    {
        if (request.Status != RequestStatus.Confirmed)
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, "Only a confirmed request gets a default rating.");
        }
        return new Rating { RequestId = request.Id, IsDefault = true, At = now };
    }

    /// <summary>A real rating replaces a default; a real rating is never replaced.</summary>
    public void ReplaceDefault(ServiceRequest request, Guid by, Scores scores, string? comment, DateTime now)
    {
        if (request.Id != RequestId)
        {
            throw new ArgumentException("A rating belongs to its own request.", nameof(request));
        }
        RequireMayRate(request, by);
        if (!IsDefault)
        {
            throw new RequestRuleException(AlreadyRated, "This request has already been rated.");
        }
        Rate(by, scores, comment, now);
    }

    public const string AlreadyRated = "already_rated";

    public Scores? Scores => IsDefault ? null : new Scores(Timeliness!.Value, Quality!.Value, Attitude!.Value, Satisfaction!.Value);

    private static void RequireMayRate(ServiceRequest request, Guid by)
    {
        if (request.RequesterId != by)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the requester rates the service.");
        }
        if (request.Status != RequestStatus.Confirmed)
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, $"The request is {request.Status}; it is rated once confirmed.");
        }
    }

    private void Rate(Guid by, Scores scores, string? comment, DateTime now)
    {
        RequesterId = by;
        (Timeliness, Quality, Attitude, Satisfaction) = (scores.Timeliness, scores.Quality, scores.Attitude, scores.Satisfaction);
        Comment = comment;
        IsDefault = false;
        At = now;
    }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    /// <summary>The filter that keeps defaults out of every query; only code that shows a request's own rating lifts it.</summary>
    public const string RealOnly = "real_ratings_only";

    public void Configure(EntityTypeBuilder<Rating> b)
    {
        b.ToTable("ratings");
        b.HasQueryFilter(RealOnly, r => !r.IsDefault);
        b.HasIndex(e => e.RequestId).IsUnique();
        // The ratings given in a month (the monthly scorecards).
        b.HasIndex(e => e.At);
        b.Property(e => e.Comment).HasMaxLength(Scores.CommentMaxLength);
        b.Ignore(e => e.Scores);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.RequesterId).OnDelete(DeleteBehavior.Restrict);
    }
}
