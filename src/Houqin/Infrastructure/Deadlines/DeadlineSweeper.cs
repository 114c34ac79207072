using System.Diagnostics;
using System.Globalization;
using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Deadlines;

public readonly record struct SweepResult(int Fired, int Failed);

/// <summary>
/// Fires due deadlines in due order so that one failure neither blocks nor undoes the others. A sweep reads only
/// pending, due rows through the filtered index, in batches: it costs what is due, not what is open.
/// <para>
/// Timers whose handler is an <see cref="IBatchedDeadlineHandler"/> fire a run at a time in one scope and one
/// transaction, written at its end as multi-row statements (ADR 0013, 0015): their subjects are loaded in a few
/// queries for the run, and the commit is paid once. If any of them fails, the run rolls back whole and its timers fire again one by
/// one, each in its own transaction, so only the failing one is recorded as failed. Other handlers always fire
/// alone. On SQLite a run is bounded in time and the sweeper pauses after it, so people's own steps and the audit
/// sealer get the single write lock between runs.
/// </para>
/// <para>
/// On PostgreSQL several nodes sweep the same table. Each claims a batch with <c>FOR UPDATE SKIP LOCKED</c>
/// (marking <c>ClaimedBy</c>/<c>ClaimedUntil</c>, so a node that dies only delays its batch by the lease),
/// then fires the rows under row locks after checking they are still pending and still its own: the handler's
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
    private readonly int batchSize = config.GetValue("Houqin:Deadlines:BatchSize", 150);
    private readonly TimeSpan lease = config.GetValue("Houqin:Deadlines:ClaimLease", TimeSpan.FromMinutes(1));
    private readonly TimeSpan retryDelay = config.GetValue("Houqin:Deadlines:RetryDelay", TimeSpan.FromMinutes(1));

    // How long one run may hold SQLite's write lock, and how long the sweeper then lets others write.
    private readonly TimeSpan runBudget = config.GetValue("Houqin:Deadlines:RunBudget", TimeSpan.FromMilliseconds(200));
    private readonly TimeSpan runPause = config.GetValue("Houqin:Deadlines:RunPause", TimeSpan.FromMilliseconds(20));
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    // A handler that keeps scheduling already-due deadlines must not keep one sweep going forever.
    private const int MaxBatchesPerSweep = 200;

    /// <summary>This process's name in <c>ClaimedBy</c>.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<SweepResult> SweepAsync(DateTime now, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var tally = new Tally();
            for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
            {
                var claimed = await ClaimAsync(now, ct);
                if (claimed.Count == 0)
                {
                    break;
                }
                await FireBatchAsync(claimed, now, tally, ct);
            }
            // What an idle sweep costs over a large backlog is an aim of its own (bench/sweeper.sh reads this line).
            log.LogDebug(
                "Deadline sweep: {Fired} fired, {Failed} failed in {Milliseconds} ms",
                tally.Fired,
                tally.Failed,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)
            );
            return new SweepResult(tally.Fired, tally.Failed);
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed class Tally
    {
        public int Fired;
        public int Failed;

        public void Add(Outcome outcome)
        {
            if (outcome == Outcome.Fired)
            {
                Fired++;
            }
            else if (outcome == Outcome.Failed)
            {
                Failed++;
            }
        }
    }

    private sealed record Claimed(Guid Id, string Kind);

    private async Task<List<Claimed>> ClaimAsync(DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return await Due(db, now).Take(batchSize).Select(d => new Claimed(d.Id, d.Kind)).ToListAsync(ct);
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
            return [];
        }
        return await db
            .Set<Deadline>()
            .Where(d => claimed.Contains(d.Id))
            .OrderBy(d => d.Due)
            .ThenBy(d => d.Id)
            .Select(d => new Claimed(d.Id, d.Kind))
            .ToListAsync(ct);
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

    private bool Batched(string kind) => kinds.HandlerFor(kind) is { } type && typeof(IBatchedDeadlineHandler).IsAssignableFrom(type);

    /// <summary>In due order: consecutive timers of batched kinds fire as runs, any other alone between them.</summary>
    private async Task FireBatchAsync(List<Claimed> claimed, DateTime now, Tally tally, CancellationToken ct)
    {
        var i = 0;
        while (i < claimed.Count)
        {
            if (!Batched(claimed[i].Kind))
            {
                tally.Add(await FireAsync(claimed[i].Id, now, ct));
                i++;
                continue;
            }
            var run = new List<Guid>();
            while (i < claimed.Count && Batched(claimed[i].Kind))
            {
                run.Add(claimed[i].Id);
                i++;
            }
            await FireRunAsync(run, now, tally, ct);
        }
    }

    private async Task FireRunAsync(List<Guid> run, DateTime now, Tally tally, CancellationToken ct)
    {
        var postgres = false;
        var done = 0;
        while (done < run.Count)
        {
            var fired = 0;
            var started = Stopwatch.GetTimestamp();
            var attempted = new List<Guid>();
            Deadline? failing = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                postgres = db.Provider == DatabaseProvider.Postgres;
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var ids = run.Skip(done).ToList();
                var rows = postgres
                    ? await db.Set<Deadline>().FromSql($"""SELECT * FROM deadlines WHERE "Id" = ANY({ids.ToArray()}) FOR UPDATE""").ToListAsync(ct)
                    : await db.Set<Deadline>().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
                var byId = rows.ToDictionary(d => d.Id);
                var due = ids.Select(id => byId.GetValueOrDefault(id))
                    .OfType<Deadline>()
                    .Where(d => d.IsPending && d.NextAttemptAt <= now && (!postgres || d.ClaimedBy == Node))
                    .ToHashSet();
                foreach (var group in due.GroupBy(d => d.Kind, StringComparer.Ordinal))
                {
                    await Handler<IBatchedDeadlineHandler>(scope.ServiceProvider, group.Key).PrepareAsync([.. group], scope.ServiceProvider, ct);
                }
                foreach (var id in ids)
                {
                    attempted.Add(id);
                    // Cancelled (or fired) by an earlier firing of this run, or no longer this node's: not fired.
                    if (byId.GetValueOrDefault(id) is { } deadline && due.Contains(deadline) && deadline.IsPending)
                    {
                        failing = deadline;
                        await Handler<IDeadlineHandler>(scope.ServiceProvider, deadline.Kind).HandleAsync(deadline, scope.ServiceProvider, ct);
                        failing = null;
                        deadline.Fire(now, Node);
                        fired++;
                    }
                    // SQLite has one writer: a run holds it no longer than its budget (PostgreSQL locks only these rows).
                    if (!postgres && Stopwatch.GetElapsedTime(started) > runBudget)
                    {
                        break;
                    }
                }
                // A run changes many rows the same way: multi-row statements instead of EF's command per row (ADR 0015).
                await AddedRows.InsertAsync(db, ct);
                await ModifiedRows.UpdateAsync(db, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (Exception e) when (failing is not null && !ct.IsCancellationRequested)
            {
                // One handler failed: it alone is recorded as failed, and the rest of the run goes again without it.
                log.LogWarning(e, "Deadline {Id} ({Kind}) failed on attempt {Attempt}", failing.Id, failing.Kind, failing.Attempts + 1);
                await RecordFailureAsync(failing.Id, now, e, ct);
                tally.Failed++;
                run.Remove(failing.Id);
                continue;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (attempted.Count == 0)
                {
                    attempted.AddRange(run.Skip(done));
                }
                // Failed while loading, preparing or saving, not in a handler: each timer gets a try of its own.
                log.LogWarning(e, "A run of {Count} due timers failed to commit; firing them one by one", attempted.Count);
                foreach (var id in attempted)
                {
                    tally.Add(await FireAsync(id, now, ct));
                }
                fired = 0;
            }
            tally.Fired += fired;
            done += attempted.Count;
            if (!postgres && runPause > TimeSpan.Zero)
            {
                await Task.Delay(runPause, ct);
            }
        }
    }

    private T Handler<T>(IServiceProvider services, string kind)
        where T : IDeadlineHandler
    {
        var type = kinds.HandlerFor(kind) ?? throw new InvalidOperationException($"No deadline handler is registered for '{kind}'.");
        return (T)services.GetRequiredService(type);
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
                await Handler<IDeadlineHandler>(scope.ServiceProvider, deadline.Kind).HandleAsync(deadline, scope.ServiceProvider, ct);
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
