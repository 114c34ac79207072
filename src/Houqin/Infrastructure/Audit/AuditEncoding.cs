using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// The canonical bytes of an event, the input of its Merkle leaf (leaf hash = SHA-256(0x00 ‖ bytes)).
/// Nine fields in this order, each as a 4-byte big-endian length followed by that many bytes of UTF-8;
/// a missing reason is the length 0xFFFFFFFF with no bytes:
/// <list type="number">
/// <item>the format tag <c>houqin-audit-event/1</c></item>
/// <item>the sequence, in decimal</item>
/// <item>the instant, UTC, ISO 8601 with six fractional digits: <c>2026-11-30T01:00:00.000000Z</c></item>
/// <item>actor</item><item>action</item><item>subject type</item><item>subject id</item>
/// <item>data (the stored JSON text, byte for byte)</item><item>reason</item>
/// </list>
/// Length prefixes make the encoding unambiguous whatever the fields contain; microseconds are the
/// finest instant both databases keep.
/// </summary>
public static class AuditEncoding
{
    public const string FormatTag = "houqin-audit-event/1";

    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static byte[] Encode(AuditEvent e)
    {
        using var buffer = new MemoryStream(256);
        Write(buffer, FormatTag);
        Write(buffer, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, Instant(e.At));
        Write(buffer, e.Actor);
        Write(buffer, e.Action);
        Write(buffer, e.SubjectType);
        Write(buffer, e.SubjectId);
        Write(buffer, e.Data);
        Write(buffer, e.Reason);
        return buffer.ToArray();
    }

    public static byte[] LeafHash(AuditEvent e) => Rfc6962.LeafHash(Encode(e));

    public static string Instant(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>Drops what the databases would drop, so an event hashes the same before and after a round trip.</summary>
    public static DateTime ToMicroseconds(DateTime at) => new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);

    private static void Write(MemoryStream buffer, string? field)
    {
        Span<byte> length = stackalloc byte[4];
        if (field is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            buffer.Write(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(field);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
