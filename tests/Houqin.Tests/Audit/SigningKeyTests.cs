using Houqin.Infrastructure.Audit;

namespace Houqin.Tests.Audit;

public class SigningKeyTests
{
    private static string TempKeyPath() =>
        Path.Combine(Directory.CreateTempSubdirectory("houqin-key-").FullName, "keys", "audit-signing.key");

    [Fact]
    public void A_missing_key_is_created_readable_by_the_owner_only_and_reused_after()
    {
        var path = TempKeyPath();
        using var created = AuditSigningKey.Load(path, createWhenMissing: true);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        using var again = AuditSigningKey.Load(path, createWhenMissing: false);
        Assert.Equal(created.PublicKey, again.PublicKey);
        Assert.Equal(32, again.PublicKey.Length);
    }

    [Fact]
    public void Where_keys_are_not_created_a_missing_key_is_an_error()
    {
        var path = TempKeyPath();
        var error = Assert.Throws<InvalidOperationException>(() => AuditSigningKey.Load(path, createWhenMissing: false));
        Assert.Contains("Houqin:Audit:KeyPath", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_tree_head_signature_covers_size_time_and_root()
    {
        using var key = AuditSigningKey.Load(TempKeyPath(), createWhenMissing: true);
        var root = Rfc6962.LeafHash([1, 2, 3]);
        var at = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
        var signature = key.Sign(AuditSigningKey.TreeHeadMessage(7, at, root));

        Assert.True(AuditSigningKey.Verify(key.PublicKey, AuditSigningKey.TreeHeadMessage(7, at, root), signature));
        Assert.False(AuditSigningKey.Verify(key.PublicKey, AuditSigningKey.TreeHeadMessage(8, at, root), signature));
        Assert.False(AuditSigningKey.Verify(key.PublicKey, AuditSigningKey.TreeHeadMessage(7, at.AddMilliseconds(1), root), signature));
        Assert.False(AuditSigningKey.Verify(key.PublicKey, AuditSigningKey.TreeHeadMessage(7, at, Rfc6962.EmptyRoot()), signature));
        using var other = AuditSigningKey.Load(TempKeyPath(), createWhenMissing: true);
        Assert.False(AuditSigningKey.Verify(other.PublicKey, AuditSigningKey.TreeHeadMessage(7, at, root), signature));
    }
}
