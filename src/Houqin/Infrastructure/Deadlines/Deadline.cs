using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Deadlines;

/// <summary>
/// A timer: when <see cref="Due"/> passes, the handler registered for <see cref="Kind"/> runs once for the
/// subject. Pending while neither fired nor cancelled. A failed attempt is retried at <see cref="NextAttemptAt"/>.
/// </summary>
public sealed class Deadline
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>What happens when it fires, e.g. <c>service_request.acknowledge</c>; selects the handler.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The matter it belongs to (a request, a tender…), by id.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>The instant it is due (UTC). It never fires before.</summary>
    public DateTime Due { get; private set; }

    /// <summary>When the sweeper may next try it: <see cref="Due"/> at first, later after a failure's backoff.</summary>
    public DateTime NextAttemptAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? FiredAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The node that claimed it for a sweep, until <see cref="ClaimedUntil"/>; after that anyone may.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTime? ClaimedUntil { get; private set; }

    private Deadline() { }

    public Deadline(string kind, Guid subjectId, DateTime due, DateTime now)
    {
        Kind = kind;
        SubjectId = subjectId;
        Due = due;
        NextAttemptAt = due;
        CreatedAt = now;
    }

    public bool IsPending => FiredAt is null && CancelledAt is null;

    internal void Fire(DateTime now, string node)
    {
        FiredAt = now;
        Attempts++;
        ClaimedBy = node;
        ClaimedUntil = null;
    }

    internal void Claim(string node, DateTime until)
    {
        ClaimedBy = node;
        ClaimedUntil = until;
    }

    /// <summary>A failed attempt: keep the error, release the claim and wait before the next try.</summary>
    internal void Fail(string error, DateTime retryAt)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        NextAttemptAt = retryAt;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    internal void Cancel(DateTime now) => CancelledAt = now;
}

internal sealed class DeadlineConfiguration : IEntityTypeConfiguration<Deadline>
{
    /// <summary>Pending rows: the only ones a sweep reads, so a sweep costs what is due, not what ever was.</summary>
    public const string PendingFilter = "\"FiredAt\" IS NULL AND \"CancelledAt\" IS NULL";

    public void Configure(EntityTypeBuilder<Deadline> b)
    {
        b.ToTable("deadlines");
        b.HasKey(d => d.Id);
        b.Property(d => d.Kind).HasMaxLength(64);
        b.Property(d => d.ClaimedBy).HasMaxLength(128);
        b.Property(d => d.LastError).HasMaxLength(2000);
        b.Ignore(d => d.IsPending);
        b.HasIndex(d => new { d.NextAttemptAt, d.Due }).HasFilter(PendingFilter).HasDatabaseName("ix_deadlines_pending");
        b.HasIndex(d => new { d.SubjectId, d.Kind });
    }
}
