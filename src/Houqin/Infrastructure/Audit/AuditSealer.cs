using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// Integrates committed events into the Merkle tree and signs a tree head (docs/decisions/0002). Off the
/// request path: <see cref="AuditLog.Record"/> only adds a row. Each batch reads the tree's frontier
/// (at most one stored node per level), appends leaves in sequence order, stores the perfect subtrees
/// they complete and one signed tree head: O(batch · log n), never O(n).
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, AuditSigningKey key, TimeProvider clock, IConfiguration config)
    : IDisposable
{
    /// <summary>
    /// Events sealed per transaction. On SQLite a batch holds the one write lock while it runs: 2,000 at a time held
    /// it long enough, every few seconds, to put intake's p99 at ≈ 370 ms instead of ≈ 115 ms (docs/performance.md).
    /// </summary>
    public const int BatchSize = 500;

    /// <summary>How far below the newest sealed sequence the sealer still looks for late commits.</summary>
    public const long LateWindow = 10_000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<long, long> gapSeenAt = [];

    /// <summary>
    /// How long a gap in the sequence may hold back later events: on PostgreSQL a transaction may commit
    /// after one that took a later sequence number. A gap older than this is taken to be a rollback; the
    /// event, should it still commit, is appended late. Measured in real time, because it is about how
    /// long transactions really take, not about the business clock.
    /// </summary>
    public TimeSpan SettleDelay { get; } = config.GetValue("Houqin:Audit:SettleDelay", TimeSpan.FromSeconds(2));

    /// <summary>Seals every settled event; returns how many leaves were added.</summary>
    /// <param name="passGaps">Seal past every gap at once (the verify verb, tests): nothing is held back.</param>
    public async Task<int> SealAsync(CancellationToken ct, bool passGaps = false)
    {
        await gate.WaitAsync(ct);
        try
        {
            var total = 0;
            while (true)
            {
                var (added, provider) = await SealBatchAsync(passGaps, ct);
                total += added;
                if (added < BatchSize)
                {
                    return total;
                }
                // SQLite has one writer, and a writer kept waiting sleeps in the busy handler up to 100 ms a try: batch
                // after batch the sealer would retake the lock first. The pause lets a waiting step or create in.
                if (provider == DatabaseProvider.Sqlite && !passGaps)
                {
                    await Task.Delay(BatchPause, ct);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly TimeSpan BatchPause = TimeSpan.FromMilliseconds(100);

    private async Task<(int Added, DatabaseProvider Provider)> SealBatchAsync(bool passGaps, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // Sealers on several nodes take turns; writers of events never take this lock.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(6962)", ct);
        }
        var leaves = db.Set<AuditLeaf>();
        var size = 1 + (await leaves.MaxAsync(l => (long?)l.LeafIndex, ct) ?? -1);
        var lastSequence = await leaves.MaxAsync(l => (long?)l.Sequence, ct) ?? 0;
        var candidates = await db.Set<AuditEvent>()
            .AsNoTracking()
            .Where(e => e.Sequence > lastSequence - LateWindow && !leaves.Any(l => l.Sequence == e.Sequence))
            .OrderBy(e => e.Sequence)
            .Take(BatchSize)
            .ToListAsync(ct);
        var chosen = Settled(candidates, lastSequence, passGaps);
        if (chosen.Count == 0)
        {
            return (0, db.Provider);
        }

        var known = await AuditTreeStore.LoadAsync(db, Rfc6962.Pieces(0, size), ct);
        foreach (var e in chosen)
        {
            var leafHash = AuditEncoding.LeafHash(e);
            leaves.Add(new AuditLeaf(size, e.Sequence, leafHash));
            known[new TreeNode(0, size)] = leafHash;
            // Each completed pair of equal subtrees makes a new stored node, up to the first incomplete level.
            var node = new TreeNode(0, size);
            while ((node.Index & 1) == 1)
            {
                var parent = new TreeNode(node.Level + 1, node.Index >> 1);
                var hash = Rfc6962.NodeHash(known[node with { Index = node.Index - 1 }], known[node]);
                known[parent] = hash;
                db.Set<AuditNode>().Add(new AuditNode(parent.Level, parent.Index, hash));
                node = parent;
            }
            size++;
        }
        var root = Rfc6962.SubtreeHash(0, size, n => known[n]);
        var now = clock.GetUtcNow();
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()).UtcDateTime;
        var signature = key.Sign(AuditSigningKey.TreeHeadMessage(size, timestamp, root));
        db.Set<AuditTreeHead>().Add(new AuditTreeHead(size, root, timestamp, signature));
        // Leaves, nodes and the head are all new rows: multi-row INSERTs (ADR 0015), so the lock is held briefly.
        await AddedRows.InsertAsync(db, ct);
        await tx.CommitAsync(ct);
        return (chosen.Count, db.Provider);
    }

    /// <summary>
    /// The candidates that may be sealed now, in order: late commits below the last sealed sequence, then
    /// the run that continues it, passing a gap only once it has stood for <see cref="SettleDelay"/>.
    /// </summary>
    private List<AuditEvent> Settled(List<AuditEvent> candidates, long lastSequence, bool passGaps)
    {
        var chosen = new List<AuditEvent>(candidates.Count);
        var expected = lastSequence + 1;
        foreach (var e in candidates)
        {
            if (e.Sequence > expected && !passGaps && !GapHasSettled(expected))
            {
                break;
            }
            chosen.Add(e);
            expected = Math.Max(expected, e.Sequence + 1);
        }
        foreach (var passed in gapSeenAt.Keys.Where(s => s < expected).ToList())
        {
            gapSeenAt.Remove(passed);
        }
        return chosen;
    }

    public void Dispose() => gate.Dispose();

    private bool GapHasSettled(long missing)
    {
        var now = TimeProvider.System.GetTimestamp();
        if (!gapSeenAt.TryGetValue(missing, out var seen))
        {
            gapSeenAt[missing] = now;
            return SettleDelay <= TimeSpan.Zero;
        }
        return TimeProvider.System.GetElapsedTime(seen, now) >= SettleDelay;
    }
}

/// <summary>Reads stored perfect subtrees: leaves from <c>audit_leaves</c>, higher levels from <c>audit_nodes</c>.</summary>
internal static class AuditTreeStore
{
    public static async Task<Dictionary<TreeNode, byte[]>> LoadAsync(AppDbContext db, IReadOnlyCollection<TreeNode> wanted, CancellationToken ct)
    {
        var found = new Dictionary<TreeNode, byte[]>();
        foreach (var level in wanted.GroupBy(n => n.Level))
        {
            var indexes = level.Select(n => n.Index).Distinct().ToList();
            if (level.Key == 0)
            {
                var rows = await db.Set<AuditLeaf>()
                    .AsNoTracking()
                    .Where(l => indexes.Contains(l.LeafIndex))
                    .Select(l => new { l.LeafIndex, l.LeafHash })
                    .ToListAsync(ct);
                rows.ForEach(r => found[new TreeNode(0, r.LeafIndex)] = r.LeafHash);
            }
            else
            {
                var lv = level.Key;
                var rows = await db.Set<AuditNode>()
                    .AsNoTracking()
                    .Where(n => n.Level == lv && indexes.Contains(n.Index))
                    .Select(n => new { n.Index, n.Hash })
                    .ToListAsync(ct);
                rows.ForEach(r => found[new TreeNode(lv, r.Index)] = r.Hash);
            }
        }
        var missing = wanted.FirstOrDefault(n => !found.ContainsKey(n), new TreeNode(-1, -1));
        if (missing.Level >= 0)
        {
            throw new InvalidOperationException($"The audit tree lacks node (level {missing.Level}, index {missing.Index}).");
        }
        return found;
    }
}
