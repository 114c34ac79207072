using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Outbox;

/// <summary>
/// One notice to be sent through one external channel: written with the notice (and the business change),
/// then sent by the dispatcher, retried with backoff, held through quiet hours unless urgent.
/// </summary>
public sealed class Delivery
{
    public const int MaxAttempts = 10;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid NoticeId { get; private set; }

    public string Channel { get; private set; } = "";

    /// <summary>Urgent deliveries go out in quiet hours too (an escalation wakes someone; a rating does not).</summary>
    public bool Urgent { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Not before this instant: creation, the end of quiet hours, or the next retry.</summary>
    public DateTime NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? SentAt { get; private set; }

    /// <summary>Set when the last attempt failed: nobody tries again (an operator can see it and the error).</summary>
    public DateTime? GaveUpAt { get; private set; }

    /// <summary>The node sending it now holds it until then; a node that dies only delays it by the lease.</summary>
    public DateTime? ClaimedUntil { get; private set; }

    private Delivery() { }

    public Delivery(Guid noticeId, string channel, bool urgent, DateTime now)
    {
        NoticeId = noticeId;
        Channel = channel;
        Urgent = urgent;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public bool IsPending => SentAt is null && GaveUpAt is null;

    public void Sent(DateTime now)
    {
        SentAt = now;
        ClaimedUntil = null;
    }

    public void Failed(string error, DateTime now, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        ClaimedUntil = null;
        if (Attempts >= MaxAttempts)
        {
            GaveUpAt = now;
            return;
        }
        NextAttemptAt = now + TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, firstDelay.Ticks << Math.Min(Attempts - 1, 20)));
    }

    public void HoldUntil(DateTime at)
    {
        NextAttemptAt = at;
        ClaimedUntil = null;
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.ToTable("outbox_deliveries");
        b.HasIndex(d => d.NextAttemptAt).HasFilter("\"SentAt\" IS NULL AND \"GaveUpAt\" IS NULL").HasDatabaseName("ix_outbox_deliveries_pending");
        b.HasIndex(d => new { d.Channel, d.SentAt });
        b.Property(d => d.Channel).HasMaxLength(32);
        b.Property(d => d.LastError).HasMaxLength(1000);
        b.HasOne<Notice>().WithMany().HasForeignKey(d => d.NoticeId).OnDelete(DeleteBehavior.Restrict);
    }
}
