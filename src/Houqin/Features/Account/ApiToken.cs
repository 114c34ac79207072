using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Account;

/// <summary>
/// A bearer token for scripts and integrations. Only the SHA-256 of the token is stored: the token itself
/// is shown once, when it is issued, and a copy of the database cannot be replayed against the API.
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "hq_";

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole token string.</summary>
    public string Hash { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    private ApiToken() { }

    /// <summary>Issues a new token; the returned secret is the only copy of it.</summary>
    public static (ApiToken Token, string Secret) Issue(Guid userId, string name, DateTime now, TimeSpan lifetime)
    {
        var secret = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            Hash = HashOf(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, secret);
    }

    public bool IsActive(DateTime now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>Revoking twice keeps the first instant: the audit log already has it.</summary>
    public bool Revoke(DateTime now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }
        RevokedAt = now;
        return true;
    }

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<Organisation.User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
