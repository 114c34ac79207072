using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>
/// The handler's own evaluation (自评) of a request they completed, on the requester's four dimensions, once.
/// Staff see it; the requester does not.
/// </summary>
public sealed class SelfEvaluation
{
    public const string AlreadyEvaluated = "already_evaluated";

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RequestId { get; private set; }

    public Guid EvaluatorId { get; private set; }

    public int Timeliness { get; private set; }

    public int Quality { get; private set; }

    public int Attitude { get; private set; }

    public int Satisfaction { get; private set; }

    public string? Comment { get; private set; }

    public DateTime At { get; private set; }

    private SelfEvaluation() { }

    /// <summary>
    /// The handler evaluates the work they did, once it is completed. Only the handler: an owner who did not do the
    /// work has nothing of their own to evaluate, and evaluating first would take the handler's one evaluation.
    /// </summary>
    public static SelfEvaluation Evaluate(ServiceRequest request, Guid by, Scores scores, string? comment, DateTime now)
    {
        if (by != request.HandlerId)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the handler evaluates the work they did.");
        }
        if (request.Status is not (RequestStatus.Completed or RequestStatus.Confirmed))
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, $"The request is {request.Status}; the work is evaluated once completed.");
        }
        return new SelfEvaluation
        {
            RequestId = request.Id,
            EvaluatorId = by,
            Timeliness = scores.Timeliness,
            Quality = scores.Quality,
            Attitude = scores.Attitude,
            Satisfaction = scores.Satisfaction,
            Comment = comment,
            At = now,
        };
    }

    /// <summary>The request's one evaluation, added to the caller's unit of work; a second is refused.</summary>
    public static async Task AddAsync(AppDbContext db, ServiceRequest request, Guid by, Scores scores, string? comment, DateTime now, CancellationToken ct)
    {
        var evaluation = Evaluate(request, by, scores, comment, now);
        if (await db.Set<SelfEvaluation>().AnyAsync(s => s.RequestId == request.Id, ct))
        {
            throw new RequestRuleException(AlreadyEvaluated, "The service on this request has already been evaluated.");
        }
        db.Add(evaluation);
    }

    public Scores Scores => new(Timeliness, Quality, Attitude, Satisfaction);
}

internal sealed class SelfEvaluationConfiguration : IEntityTypeConfiguration<SelfEvaluation>
{
    public void Configure(EntityTypeBuilder<SelfEvaluation> b)
    {
        b.ToTable("self_evaluations");
        b.HasIndex(e => e.RequestId).IsUnique();
        b.HasIndex(e => new { e.EvaluatorId, e.At });
        b.Property(e => e.Comment).HasMaxLength(Scores.CommentMaxLength);
        b.Ignore(e => e.Scores);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.EvaluatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
