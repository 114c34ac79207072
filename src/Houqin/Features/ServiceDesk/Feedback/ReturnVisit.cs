using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>Why the office calls the requester back: every low rating and every complaint gets a visit; staff may also call unasked.</summary>
public enum ReturnVisitReason
{
    LowRating,
    Complaint,
    Voluntary,
}

public enum ReturnVisitOutcome
{
    Satisfied,
    Unsatisfied,
    Unreachable,
}

public enum ReturnVisitStatus
{
    Due,
    Done,
}

/// <summary>Whom a complaint is about and who answers it: the two people a complaint's return visit turns on.</summary>
public sealed record ComplaintParties(Guid AccusedId, Guid ResponsibleId);

/// <summary>
/// The people who may call a requester back about a request: its owner, its team's leader, the deputy director in
/// charge, the director. A complaint's visit is another matter (ADR 0030): it is made by whoever answers the complaint,
/// or the director, and never by the person complained about, who may well be the owner or the leader's own staff.
/// </summary>
public sealed record ReturnVisitors(Guid OwnerId, Guid? TeamLeaderId, Guid? DeputyDirectorId, Guid? DirectorId)
{
    /// <summary>The parties of the request's complaints, by complaint id.</summary>
    public IReadOnlyDictionary<Guid, ComplaintParties> Complaints { get; init; } = new Dictionary<Guid, ComplaintParties>();

    public bool Includes(Guid userId) => userId == OwnerId || userId == TeamLeaderId || userId == DeputyDirectorId || userId == DirectorId;

    /// <summary>Whether <paramref name="userId"/> is the person the visit's complaint is about.</summary>
    public bool IsAccused(ReturnVisit visit, Guid userId) => visit.ComplaintId is { } c && Complaints.TryGetValue(c, out var p) && p.AccusedId == userId;

    /// <summary>Whether <paramref name="userId"/> may make <paramref name="visit"/>.</summary>
    public bool MayMake(ReturnVisit visit, Guid userId) =>
        visit.ComplaintId is { } c
            ? Complaints.TryGetValue(c, out var p) && userId != p.AccusedId && (userId == p.ResponsibleId || userId == DirectorId)
            : Includes(userId);
}

/// <summary>
/// A return visit (回访): the office calls the requester back and records how they felt. A due visit stays due
/// until someone reaches the requester: an unreachable call is counted on it, but only a conversation closes it
/// (the office's rule is a 100% return visit, not a 100% attempt).
/// </summary>
public sealed class ReturnVisit
{
    public const int NoteMaxLength = 1000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RequestId { get; private set; }

    /// <summary>The request's team, whose staff see the visit in their list.</summary>
    public Guid TeamId { get; private set; }

    public ReturnVisitReason Reason { get; private set; }

    public Guid? ComplaintId { get; private set; }

    public ReturnVisitStatus Status { get; private set; }

    public DateTime OpenedAt { get; private set; }

    public int UnreachableAttempts { get; private set; }

    public ReturnVisitOutcome? Outcome { get; private set; }

    public string? Note { get; private set; }

    public Guid? VisitedById { get; private set; }

    public DateTime? VisitedAt { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    private ReturnVisit() { }

    /// <summary>A visit falls due, for a low rating or a complaint.</summary>
    public static ReturnVisit Open(ServiceRequest request, ReturnVisitReason reason, Guid? complaintId, DateTime now)
    {
        if (reason == ReturnVisitReason.Voluntary)
        {
            throw new ArgumentException("A voluntary visit is recorded, not opened.", nameof(reason));
        }
        return new ReturnVisit
        {
            RequestId = request.Id,
            TeamId = request.TeamId,
            Reason = reason,
            ComplaintId = complaintId,
            Status = ReturnVisitStatus.Due,
            OpenedAt = now,
        };
    }

    /// <summary>Staff called the requester back although no visit was due.</summary>
    public static ReturnVisit Unasked(ServiceRequest request, DateTime now) =>
        new()
        {
            RequestId = request.Id,
            TeamId = request.TeamId,
            Reason = ReturnVisitReason.Voluntary,
            Status = ReturnVisitStatus.Due,
            OpenedAt = now,
        };

    /// <summary>Records the call. A due visit the requester could not be reached for stays due.</summary>
    public void Record(Guid by, ReturnVisitors visitors, ReturnVisitOutcome outcome, string? note, DateTime now)
    {
        if (visitors.IsAccused(this, by))
        {
            throw new RequestRuleException(Complaint.AboutYou, "The person complained about does not make the complaint's return visit.", forbidden: true);
        }
        if (!visitors.MayMake(this, by))
        {
            throw new RequestRuleException(
                RequestRuleException.NotYours,
                "The owner, the team leader or a director records return visits; a complaint's, whoever answers the complaint or the director."
            );
        }
        if (Status != ReturnVisitStatus.Due)
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, "This return visit has already been made.");
        }
        var n = (note ?? "").Trim();
        if (n.Length > NoteMaxLength)
        {
            throw new InvalidFieldException("note", $"note is at most {NoteMaxLength} characters.");
        }
        (Note, VisitedById, VisitedAt) = (n.Length == 0 ? null : n, by, now);
        if (outcome == ReturnVisitOutcome.Unreachable && Reason != ReturnVisitReason.Voluntary)
        {
            UnreachableAttempts++;
        }
        else
        {
            (Outcome, Status) = (outcome, ReturnVisitStatus.Done);
        }
        Version = Guid.NewGuid();
    }
}

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> b)
    {
        b.ToTable("return_visits");
        b.HasIndex(e => new { e.Status, e.TeamId, e.OpenedAt });
        b.HasIndex(e => e.RequestId);
        b.Property(e => e.Reason).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Note).HasMaxLength(ReturnVisit.NoteMaxLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Complaint>().WithMany().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.VisitedById).OnDelete(DeleteBehavior.Restrict);
    }
}
