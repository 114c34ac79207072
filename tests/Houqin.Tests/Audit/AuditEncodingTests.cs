using System.Text;
using Houqin.Infrastructure.Audit;

namespace Houqin.Tests.Audit;

public class AuditEncodingTests
{
    private static AuditEvent Event(string actor, string action, string? reason = null, string data = "{}") =>
        new(new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc).AddTicks(1234567), actor, action, "Room", "R-101", data, reason);

    [Fact]
    public void The_encoding_is_the_documented_length_prefixed_fields()
    {
        var bytes = AuditEncoding.Encode(Event("water1", "Acknowledge", "夜间"));
        var fields = new List<string?>();
        var at = 0;
        while (at < bytes.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            at += 4;
            if (length == uint.MaxValue)
            {
                fields.Add(null);
                continue;
            }
            fields.Add(Encoding.UTF8.GetString(bytes, at, (int)length));
            at += (int)length;
        }
        Assert.Equal(
            ["houqin-audit-event/1", "0", "2026-11-30T01:02:03.123456Z", "water1", "Acknowledge", "Room", "R-101", "{}", "夜间"],
            fields
        );
    }

    [Fact]
    public void Moving_a_boundary_or_dropping_the_reason_changes_the_leaf()
    {
        var leaves = new[]
        {
            AuditEncoding.LeafHash(Event("ab", "c")),
            AuditEncoding.LeafHash(Event("a", "bc")),
            AuditEncoding.LeafHash(Event("ab", "c", reason: "")),
            AuditEncoding.LeafHash(Event("ab", "c", data: "{ }")),
        };
        Assert.Equal(leaves.Length, leaves.Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(leaves[0], AuditEncoding.LeafHash(Event("ab", "c")));
    }
}
