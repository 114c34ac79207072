using System.Security.Cryptography;
using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// Recomputes the audit log from scratch and compares it with everything stored: each event's leaf hash,
/// the leaf table (contiguous, one leaf per event), every stored node, every tree head's root and its
/// signature. Streams the tables once each; memory is about 100 bytes per event.
/// </summary>
public sealed class AuditVerifier(AppDbContext db, byte[] publicKey, TextWriter output)
{
    private const int ReportLimit = 20;

    private readonly List<string> failures = [];

    public IReadOnlyList<string> Failures => failures;

    public async Task<bool> VerifyAsync(CancellationToken ct)
    {
        var recomputed = new Dictionary<long, byte[]>();
        await foreach (var e in db.Set<AuditEvent>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            recomputed[e.Sequence] = AuditEncoding.LeafHash(e);
        }
        await output.WriteLineAsync($"events: {recomputed.Count} read, leaf hash recomputed for each");

        var levels = await CheckLeavesAsync(recomputed, ct);
        if (levels is null)
        {
            return Report();
        }
        await CheckNodesAsync(levels, ct);
        await CheckTreeHeadsAsync(levels, ct);
        return Report();
    }

    private async Task<MerkleLevels?> CheckLeavesAsync(Dictionary<long, byte[]> recomputed, CancellationToken ct)
    {
        var flat = new List<byte>(recomputed.Count * Rfc6962.HashSize);
        var placed = new HashSet<long>();
        long expectedIndex = 0;
        long highestSequence = 0;
        var rows = db.Set<AuditLeaf>().AsNoTracking().OrderBy(l => l.LeafIndex).AsAsyncEnumerable().WithCancellation(ct);
        await foreach (var leaf in rows)
        {
            if (leaf.LeafIndex != expectedIndex)
            {
                Fail($"leaf {expectedIndex} is missing (the next stored leaf is {leaf.LeafIndex})");
                return null;
            }
            expectedIndex++;
            highestSequence = Math.Max(highestSequence, leaf.Sequence);
            if (!placed.Add(leaf.Sequence))
            {
                Fail($"event {leaf.Sequence} is in the tree twice (again as leaf {leaf.LeafIndex})");
            }
            if (!recomputed.TryGetValue(leaf.Sequence, out var hash))
            {
                Fail($"event {leaf.Sequence} (leaf {leaf.LeafIndex}) is missing: deleted or renumbered");
                hash = leaf.LeafHash;
            }
            else if (!CryptographicOperations.FixedTimeEquals(hash, leaf.LeafHash))
            {
                Fail($"event {leaf.Sequence} (leaf {leaf.LeafIndex}) does not match its leaf hash: the event was altered");
            }
            // The tree is rebuilt from the events, not from the stored hashes, so a leaf table rewritten to
            // match altered events still disagrees with the signed roots.
            flat.AddRange(hash);
        }
        var unsealed = recomputed.Keys.Where(s => !placed.Contains(s)).Order().ToList();
        var missing = unsealed.Where(s => s < highestSequence).ToList();
        if (missing.Count > 0)
        {
            Fail($"event {missing[0]} is not in the tree ({missing.Count} such events below the newest sealed one)");
        }
        await output.WriteLineAsync(
            $"leaves: {expectedIndex} checked against their events; {unsealed.Count - missing.Count} newer events not yet sealed"
        );
        return new MerkleLevels(flat.ToArray());
    }

    private async Task CheckNodesAsync(MerkleLevels levels, CancellationToken ct)
    {
        var expected = Enumerable.Range(1, 62).Sum(l => levels.CountAt(l));
        long seen = 0;
        var rows = db.Set<AuditNode>().AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.Index).AsAsyncEnumerable().WithCancellation(ct);
        await foreach (var node in rows)
        {
            seen++;
            var at = new TreeNode(node.Level, node.Index);
            if (node.Level < 1 || node.Index < 0 || node.Index >= levels.CountAt(node.Level))
            {
                Fail($"stored node (level {node.Level}, index {node.Index}) lies outside the tree");
            }
            else if (!CryptographicOperations.FixedTimeEquals(levels.Span(at), node.Hash))
            {
                Fail($"stored node (level {node.Level}, index {node.Index}) does not match the recomputed tree");
            }
        }
        if (seen != expected)
        {
            Fail($"the tree should have {expected} stored nodes above the leaves, and {seen} are stored");
        }
        await output.WriteLineAsync($"tree: {levels.Size} leaves, {seen} stored nodes recomputed and compared");
    }

    private async Task CheckTreeHeadsAsync(MerkleLevels levels, CancellationToken ct)
    {
        long count = 0;
        AuditTreeHead? latest = null;
        var rows = db.Set<AuditTreeHead>().AsNoTracking().OrderBy(h => h.TreeSize).AsAsyncEnumerable().WithCancellation(ct);
        await foreach (var head in rows)
        {
            count++;
            latest = head;
            if (head.TreeSize < 1 || head.TreeSize > levels.Size)
            {
                Fail($"tree head of size {head.TreeSize} is beyond the tree ({levels.Size} leaves): leaves were removed");
                continue;
            }
            if (!CryptographicOperations.FixedTimeEquals(levels.Root(head.TreeSize), head.RootHash))
            {
                Fail($"tree head of size {head.TreeSize}: its root does not match the tree recomputed from the events");
            }
            var message = AuditSigningKey.TreeHeadMessage(head.TreeSize, head.Timestamp, head.RootHash);
            if (!AuditSigningKey.Verify(publicKey, message, head.Signature))
            {
                Fail($"tree head of size {head.TreeSize}: the signature does not verify with the server's public key");
            }
        }
        await output.WriteLineAsync($"tree heads: {count} roots recomputed and signatures verified");
        if (latest is not null)
        {
            await output.WriteLineAsync(
                $"latest tree head: size {latest.TreeSize}, root {Convert.ToBase64String(latest.RootHash)}, signed {AuditEncoding.Instant(latest.Timestamp)}"
            );
        }
    }

    private void Fail(string message)
    {
        if (failures.Count < ReportLimit)
        {
            failures.Add(message);
        }
    }

    private bool Report()
    {
        foreach (var f in failures)
        {
            output.WriteLine("MISMATCH: " + f);
        }
        output.WriteLine(failures.Count == 0 ? "audit log verified: OK" : "audit log verification FAILED: " + failures[0]);
        return failures.Count == 0;
    }
}
