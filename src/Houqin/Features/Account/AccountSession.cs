using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Account;

/// <summary>
/// A signed-in browser session. The cookie carries only <see cref="Id"/>; the ticket stays here, so signing
/// out deletes the session for good and a disabled user's sessions stop at the next request.
/// </summary>
public sealed class AccountSession
{
    public string Id { get; private set; } = "";

    public Guid UserId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>The serialized authentication ticket (claims and cookie properties).</summary>
    public byte[] Ticket { get; set; } = [];

    private AccountSession() { }

    public AccountSession(string id, Guid userId, DateTime createdAt, DateTime expiresAt, byte[] ticket)
    {
        Id = id;
        UserId = userId;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        Ticket = ticket;
    }
}

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> b)
    {
        b.ToTable("account_sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(64);
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => s.ExpiresAt);
        b.HasOne<Organisation.User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
