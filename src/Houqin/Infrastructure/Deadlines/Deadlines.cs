using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Deadlines;

/// <summary>
/// Schedules and cancels timers inside a business transaction: the rows join the caller's <c>AppDbContext</c>
/// and are saved with the caller's <c>SaveChangesAsync</c>, so a deadline exists exactly when its change does.
/// </summary>
public sealed class Deadlines(AppDbContext db, TimeProvider clock, DeadlineKinds kinds)
{
    // The pending timers of subjects a batch loaded (all of them, so cancelling reads these instead of the database),
    // and the timers this unit of work scheduled, both by subject: a cancel looks at its subject's few rows, not at
    // every timer the context tracks (in a sweeper run that was quadratic in the run's length).
    private readonly Dictionary<Guid, List<Deadline>> loaded = [];
    private readonly Dictionary<Guid, List<Deadline>> scheduled = [];

    /// <summary>
    /// Loads the pending timers of these subjects into the unit of work in one query, so that cancelling them
    /// later (once per firing in a batch) reads the change tracker instead of the database.
    /// </summary>
    public async Task LoadPendingAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken ct = default)
    {
        var missing = subjectIds.Where(id => !loaded.ContainsKey(id)).Distinct().ToList();
        foreach (var id in missing)
        {
            loaded[id] = [];
        }
        foreach (var chunk in missing.Chunk(500))
        {
            var rows = await db.Set<Deadline>().Where(d => chunk.Contains(d.SubjectId) && d.FiredAt == null && d.CancelledAt == null).ToListAsync(ct);
            foreach (var d in rows)
            {
                loaded[d.SubjectId].Add(d);
            }
        }
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
        if (!scheduled.TryGetValue(subjectId, out var mine))
        {
            scheduled[subjectId] = mine = [];
        }
        mine.Add(deadline);
        return deadline;
    }

    /// <summary>Cancels the subject's pending deadlines of this kind (including ones scheduled in this unit of work); returns how many.</summary>
    public async Task<int> CancelAsync(string kind, Guid subjectId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = loaded.TryGetValue(subjectId, out var rows)
            ? rows.Where(d => d.Kind == kind).ToList()
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
        if (scheduled.TryGetValue(subjectId, out var mine))
        {
            foreach (var d in mine.Where(d => d.Kind == kind && d.IsPending).ToList())
            {
                var entry = db.Entry(d);
                switch (entry.State)
                {
                    case EntityState.Added: // not saved yet: it never existed
                        entry.State = EntityState.Detached;
                        mine.Remove(d);
                        count++;
                        break;
                    case EntityState.Detached: // no longer tracked (the context was cleared): not this unit of work's to cancel
                        mine.Remove(d);
                        break;
                    default: // saved earlier in this unit of work: cancelled like any stored row
                        d.Cancel(now);
                        count++;
                        break;
                }
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
