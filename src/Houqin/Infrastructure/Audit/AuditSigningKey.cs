using System.Buffers.Binary;
using NSec.Cryptography;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// The server's Ed25519 key for tree heads, kept in a file outside the database (<c>Houqin:Audit:KeyPath</c>,
/// PKIX PEM), so whoever can write the database still cannot forge a tree head. Created with mode 0600 on
/// first start outside Production; in Production a missing key stops the start.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    public const string DefaultPath = "data/audit-signing.key";

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly Key key;

    private AuditSigningKey(Key key)
    {
        this.key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    public static AuditSigningKey Load(string path, bool createWhenMissing)
    {
        if (!File.Exists(path))
        {
            if (!createWhenMissing)
            {
                throw new InvalidOperationException(
                    $"The audit signing key {Path.GetFullPath(path)} is missing (Houqin:Audit:KeyPath); Production does not create one."
                );
            }
            Create(path);
        }
        var blob = File.ReadAllBytes(path);
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None };
        return new AuditSigningKey(Key.Import(Ed25519, blob, KeyBlobFormat.PkixPrivateKeyText, in parameters));
    }

    private static void Create(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var fresh = Key.Create(Ed25519, in parameters);
        var pem = fresh.Export(KeyBlobFormat.PkixPrivateKeyText);
        // Written beside the target and moved into place, so two processes starting together never read half a key.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temp, options))
        {
            file.Write(pem);
            file.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> message) => Ed25519.Sign(key, message);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        NSec.Cryptography.PublicKey.TryImport(Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var pk)
        && pk is not null
        && Ed25519.Verify(pk, message, signature);

    /// <summary>
    /// The bytes a tree head signature covers: RFC 6962 §3.5's TreeHeadSignature, 50 bytes —
    /// version 0 (1 byte), signature type 1 = tree_hash (1 byte), timestamp in Unix milliseconds
    /// (8 bytes, big-endian), tree size (8 bytes, big-endian), the SHA-256 root (32 bytes).
    /// </summary>
    public static byte[] TreeHeadMessage(long treeSize, DateTime timestamp, ReadOnlySpan<byte> rootHash)
    {
        if (rootHash.Length != Rfc6962.HashSize)
        {
            throw new ArgumentException("A root is 32 bytes.", nameof(rootHash));
        }
        var message = new byte[50];
        message[0] = 0;
        message[1] = 1;
        var ms = new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(2), (ulong)ms);
        BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(10), (ulong)treeSize);
        rootHash.CopyTo(message.AsSpan(18));
        return message;
    }

    public void Dispose() => key.Dispose();
}
