using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Deadlines;

/// <summary>
/// Schedules and cancels timers inside a business transaction: the rows join the caller's <c>AppDbContext</c>
/// and are saved with the caller's <c>SaveChangesAsync</c>, so a deadline exists exactly when its change does.
/// </summary>
public sealed class Deadlines(AppDbContext db, TimeProvider clock, DeadlineKinds kinds)
{
    // Subjects whose pending rows are all tracked already (a batch of due timers loaded them in one query).
    private readonly HashSet<Guid> loaded = [];

    /// <summary>
    /// Loads the pending timers of these subjects into the unit of work in one query, so that cancelling them
    /// later (once per firing in a batch) reads the change tracker instead of the database.
    /// </summary>
    public async Task LoadPendingAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken ct = default)
    {
        var missing = subjectIds.Where(id => !loaded.Contains(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            await db.Set<Deadline>().Where(d => chunk.Contains(d.SubjectId) && d.FiredAt == null && d.CancelledAt == null).LoadAsync(ct);
        }
        loaded.UnionWith(missing);
    }

    public Deadline Schedule(string kind, Guid subjectId, DateTime due)
    {
        if (!kinds.Contains(kind))
        {
            throw new InvalidOperationException($"No deadline handler is registered for '{kind}'.");
        }
        if (due.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Deadlines are due at UTC instants.", nameof(due));
        }
        var deadline = new Deadline(kind, subjectId, due, clock.GetUtcNow().UtcDateTime);
        db.Set<Deadline>().Add(deadline);
        return deadline;
    }

    /// <summary>Cancels the subject's pending deadlines of this kind (including ones scheduled in this unit of work); returns how many.</summary>
    public async Task<int> CancelAsync(string kind, Guid subjectId, CancellationToken ct = default)
    {
        // Local and Entries() would detect changes across everything the context tracks — in a sweeper run that is
        // every row of the run so far, once per firing (half the sweeper's CPU, bench/sweeper.sh). Only the Added
        // state and the timers' own fields are read here, and neither needs change detection; SaveChanges still runs it.
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await CancelTrackedAsync(kind, subjectId, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private async Task<int> CancelTrackedAsync(string kind, Guid subjectId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = loaded.Contains(subjectId)
            ? db.Set<Deadline>().Local.Where(d => d.Kind == kind && d.SubjectId == subjectId && db.Entry(d).State != EntityState.Added).ToList()
            : await db.Set<Deadline>()
                .Where(d => d.Kind == kind && d.SubjectId == subjectId && d.FiredAt == null && d.CancelledAt == null)
                .ToListAsync(ct);
        var count = 0;
        // Rows cancelled earlier in this unit of work come back from the query, already marked.
        foreach (var d in stored.Where(d => d.IsPending))
        {
            d.Cancel(now);
            count++;
        }
        foreach (var entry in db.ChangeTracker.Entries<Deadline>().Where(e => e.State == EntityState.Added).ToList())
        {
            if (entry.Entity.Kind == kind && entry.Entity.SubjectId == subjectId)
            {
                entry.State = EntityState.Detached;
                count++;
            }
        }
        return count;
    }

    public Task<List<Deadline>> PendingForAsync(Guid subjectId, CancellationToken ct = default) =>
        db.Set<Deadline>().Where(d => d.SubjectId == subjectId && d.FiredAt == null && d.CancelledAt == null).OrderBy(d => d.Due).ToListAsync(ct);
}

/// <summary>The kinds that have a handler (read once from the registered handlers), so scheduling an unknown kind fails at once.</summary>
public sealed class DeadlineKinds(IServiceScopeFactory scopes)
{
    private readonly Lazy<Dictionary<string, Type>> handlers = new(() =>
    {
        using var scope = scopes.CreateScope();
        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var h in scope.ServiceProvider.GetServices<IDeadlineHandler>())
        {
            if (!map.TryAdd(h.Kind, h.GetType()))
            {
                throw new InvalidOperationException($"Two deadline handlers claim the kind '{h.Kind}'.");
            }
        }
        return map;
    });

    public bool Contains(string kind) => handlers.Value.ContainsKey(kind);

    public Type? HandlerFor(string kind) => handlers.Value.GetValueOrDefault(kind);
}
