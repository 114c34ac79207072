using System.Globalization;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Audit;

/// <summary>
/// PostgreSQL can commit sequence numbers out of order (ADR 0002). The sealer holds back behind a gap until
/// it settles, then passes it; an event that commits after its place was passed is appended, not lost.
/// </summary>
public class SealingOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An event committed with a chosen sequence, as a slow transaction would have it.</summary>
    private static Task<int> InsertWithSequenceAsync(TestApp app, long sequence) =>
        AuditTestApp.ExecuteAsync(
            app,
            string.Create(
                CultureInfo.InvariantCulture,
                $"INSERT INTO audit_events (\"Sequence\", \"At\", \"Actor\", \"Action\", \"SubjectType\", \"SubjectId\", \"Data\") VALUES ({sequence}, '2026-11-30 01:00:00', 'slow', 'Award', 'Tender', 'T-{sequence}', '{{}}')"
            )
        );

    private static async Task<List<AuditLeaf>> LeavesAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<AuditLeaf>().AsNoTracking().OrderBy(l => l.LeafIndex).ToListAsync(Ct);
    }

    private static async Task<TestApp> StartAsync(string settleDelay)
    {
        var app = await AuditTestApp.StartAsync();
        app.Configure("Houqin:Audit:SettleDelay", settleDelay);
        return app;
    }

    [Fact]
    public async Task Events_behind_an_unsettled_gap_wait_and_are_sealed_in_sequence_order_once_it_fills()
    {
        await using var app = await StartAsync("01:00:00");
        var sealer = app.Services.GetRequiredService<AuditSealer>();
        var first = await AuditTestApp.RecordAsync(app, 2);
        await sealer.SealAsync(Ct);
        var gap = first[^1] + 1;
        await InsertWithSequenceAsync(app, gap + 1);

        Assert.Equal(0, await sealer.SealAsync(Ct));

        await InsertWithSequenceAsync(app, gap);
        Assert.Equal(2, await sealer.SealAsync(Ct));
        var leaves = await LeavesAsync(app);
        Assert.Equal([gap, gap + 1], leaves.TakeLast(2).Select(l => l.Sequence));
    }

    [Fact]
    public async Task A_settled_gap_is_passed_and_an_event_committing_into_it_later_is_appended()
    {
        await using var app = await StartAsync("00:00:00");
        var sealer = app.Services.GetRequiredService<AuditSealer>();
        var first = await AuditTestApp.RecordAsync(app, 2);
        var gap = first[^1] + 1;
        await InsertWithSequenceAsync(app, gap + 1);
        await sealer.SealAsync(Ct);
        Assert.Equal(gap + 1, (await LeavesAsync(app))[^1].Sequence);

        await InsertWithSequenceAsync(app, gap);
        Assert.Equal(1, await sealer.SealAsync(Ct));
        var leaves = await LeavesAsync(app);
        Assert.Equal(gap, leaves[^1].Sequence);

        using var output = new StringWriter();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = app.Services.GetRequiredService<AuditSigningKey>();
        Assert.True(await new AuditVerifier(db, key.PublicKey, output).VerifyAsync(Ct), output.ToString());
    }

    [Fact]
    public async Task Many_small_seals_give_the_same_tree_as_recomputing_it_whole()
    {
        await using var app = await AuditTestApp.StartAsync();
        var sealer = app.Services.GetRequiredService<AuditSealer>();
        for (var round = 1; round <= 9; round++)
        {
            await AuditTestApp.RecordAsync(app, round);
            await sealer.SealAsync(Ct, passGaps: true);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.Set<AuditEvent>().AsNoTracking().ToDictionaryAsync(e => e.Sequence, Ct);
        var leaves = await LeavesAsync(app);
        var tree = MerkleLevels.FromLeafHashes([.. leaves.Select(l => AuditEncoding.LeafHash(events[l.Sequence]))]);
        var heads = await db.Set<AuditTreeHead>().AsNoTracking().ToListAsync(Ct);
        Assert.True(heads.Count >= 9);
        Assert.All(heads, h => Assert.Equal(tree.Root(h.TreeSize), h.RootHash));
    }
}
