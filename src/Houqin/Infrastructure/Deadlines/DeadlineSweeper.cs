using System.Diagnostics;
using System.Globalization;
using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Deadlines;

public readonly record struct SweepResult(int Fired, int Failed);

/// <summary>
/// Fires due deadlines in due order, each in its own transaction with its handler, so one failure neither
/// blocks nor undoes the others. A sweep reads only pending, due rows through the filtered index, in
/// batches: it costs what is due, not what is open.
/// <para>
/// On PostgreSQL several nodes sweep the same table. Each claims a batch with <c>FOR UPDATE SKIP LOCKED</c>
/// (marking <c>ClaimedBy</c>/<c>ClaimedUntil</c>, so a node that dies only delays its batch by the lease),
/// then fires each row under a row lock after checking it is still pending and still its own: the handler's
/// work and the fired mark commit together, so a deadline fires exactly once. SQLite has a single writer and
/// a single node; one sweep at a time per process is enough there.
/// </para>
/// </summary>
public sealed class DeadlineSweeper(
    IServiceScopeFactory scopes,
    DeadlineKinds kinds,
    IConfiguration config,
    ILogger<DeadlineSweeper> log
) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Dispose() => gate.Dispose();
    private readonly int batchSize = config.GetValue("Houqin:Deadlines:BatchSize", 100);
    private readonly TimeSpan lease = config.GetValue("Houqin:Deadlines:ClaimLease", TimeSpan.FromMinutes(1));
    private readonly TimeSpan retryDelay = config.GetValue("Houqin:Deadlines:RetryDelay", TimeSpan.FromMinutes(1));
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    // A handler that keeps scheduling already-due deadlines must not keep one sweep going forever.
    private const int MaxBatchesPerSweep = 50;

    /// <summary>This process's name in <c>ClaimedBy</c>.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<SweepResult> SweepAsync(DateTime now, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var fired = 0;
            var failed = 0;
            for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
            {
                var ids = await ClaimAsync(now, ct);
                if (ids.Count == 0)
                {
                    break;
                }
                foreach (var id in ids)
                {
                    switch (await FireAsync(id, now, ct))
                    {
                        case Outcome.Fired:
                            fired++;
                            break;
                        case Outcome.Failed:
                            failed++;
                            break;
                    }
                }
            }
            // What an idle sweep costs over a large backlog is an aim of its own (bench/sweeper.sh reads this line).
            log.LogDebug(
                "Deadline sweep: {Fired} fired, {Failed} failed in {Milliseconds} ms",
                fired,
                failed,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)
            );
            return new SweepResult(fired, failed);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<List<Guid>> ClaimAsync(DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return await Due(db, now).Select(d => d.Id).Take(batchSize).ToListAsync(ct);
        }
        var until = now + lease;
        var claimed = await db
            .Database.SqlQuery<Guid>(
                $"""
                UPDATE deadlines SET "ClaimedBy" = {Node}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM deadlines
                    WHERE "FiredAt" IS NULL AND "CancelledAt" IS NULL AND "NextAttemptAt" <= {now}
                      AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now})
                    ORDER BY "Due", "Id"
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """
            )
            .ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return claimed;
        }
        return await db.Set<Deadline>().Where(d => claimed.Contains(d.Id)).OrderBy(d => d.Due).ThenBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
    }

    private static IQueryable<Deadline> Due(AppDbContext db, DateTime now) =>
        db.Set<Deadline>()
            .Where(d => d.FiredAt == null && d.CancelledAt == null && d.NextAttemptAt <= now)
            .OrderBy(d => d.Due)
            .ThenBy(d => d.Id);

    private enum Outcome
    {
        Skipped,
        Fired,
        Failed,
    }

    private async Task<Outcome> FireAsync(Guid id, DateTime now, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var postgres = db.Provider == DatabaseProvider.Postgres;
            var deadline = postgres
                ? (await db.Set<Deadline>().FromSql($"""SELECT * FROM deadlines WHERE "Id" = {id} FOR UPDATE""").ToListAsync(ct)).SingleOrDefault()
                : await db.Set<Deadline>().SingleOrDefaultAsync(d => d.Id == id, ct);
            if (deadline is null || !deadline.IsPending || deadline.NextAttemptAt > now || (postgres && deadline.ClaimedBy != Node))
            {
                return Outcome.Skipped;
            }
            try
            {
                var type =
                    kinds.HandlerFor(deadline.Kind)
                    ?? throw new InvalidOperationException($"No deadline handler is registered for '{deadline.Kind}'.");
                var handler = (IDeadlineHandler)scope.ServiceProvider.GetRequiredService(type);
                await handler.HandleAsync(deadline, scope.ServiceProvider, ct);
                deadline.Fire(now, Node);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return Outcome.Fired;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Deadline {Id} ({Kind}) failed on attempt {Attempt}", id, deadline.Kind, deadline.Attempts + 1);
                await tx.RollbackAsync(CancellationToken.None);
                await RecordFailureAsync(id, now, e, ct);
                return Outcome.Failed;
            }
        }
    }

    private async Task RecordFailureAsync(Guid id, DateTime now, Exception error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var deadline = await db.Set<Deadline>().SingleAsync(d => d.Id == id, ct);
        var delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, retryDelay.Ticks << Math.Min(deadline.Attempts, 20)));
        deadline.Fail($"{error.GetType().Name}: {error.Message}", now + delay);
        await db.SaveChangesAsync(ct);
    }
}
