using System.Diagnostics;
using System.Text.Json;
using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Policies;

/// <summary>
/// The policy in force, for code to read: <see cref="CurrentAsync"/> for now, <see cref="AtAsync"/> for any
/// instant. Enactments are few and immutable, so all of them are kept in memory and the one in force is picked
/// by the clock on every call: a version takes effect at its effective instant exactly, on every node, without
/// waiting for a timer. New enactments are seen at once on the node that wrote them (<see cref="Invalidate"/>)
/// and within <c>Houqin:Policy:CacheSeconds</c> (default 30) on the others.
/// </summary>
public sealed class Policies(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock) : IDisposable
{
    private readonly TimeSpan maxAge = TimeSpan.FromSeconds(config.GetValue("Houqin:Policy:CacheSeconds", 30));
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Loaded? current;

    public void Dispose() => gate.Dispose();

    public Task<PolicySnapshot> CurrentAsync(CancellationToken ct = default) => AtAsync(clock.GetUtcNow().UtcDateTime, ct);

    public async Task<PolicySnapshot> AtAsync(DateTime instant, CancellationToken ct = default)
    {
        var all = await EnactmentsAsync(ct);
        // Sorted by effective instant, latest first; a handful of rows, so a scan is cheapest.
        foreach (var s in all)
        {
            if (s.EffectiveAt <= instant)
            {
                return s;
            }
        }
        return PolicySnapshot.Defaults;
    }

    /// <summary>Call after committing an enactment.</summary>
    public void Invalidate() => current = null;

    private async Task<IReadOnlyList<PolicySnapshot>> EnactmentsAsync(CancellationToken ct)
    {
        var c = current;
        if (c is not null && Stopwatch.GetElapsedTime(c.LoadedAt) < maxAge)
        {
            return c.Snapshots;
        }
        await gate.WaitAsync(ct);
        try
        {
            c = current;
            if (c is not null && Stopwatch.GetElapsedTime(c.LoadedAt) < maxAge)
            {
                return c.Snapshots;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.Set<PolicyEnactment>().AsNoTracking().ToListAsync(ct);
            var snapshots = rows.OrderByDescending(e => e.EffectiveAt)
                .ThenByDescending(e => e.Version)
                .Select(e => new PolicySnapshot(e.ProcedureId, e.Version, e.EffectiveAt, JsonSerializer.Deserialize<Dictionary<string, string>>(e.Parameters)!))
                .ToList();
            current = new Loaded(snapshots, Stopwatch.GetTimestamp());
            return snapshots;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record Loaded(IReadOnlyList<PolicySnapshot> Snapshots, long LoadedAt);
}
