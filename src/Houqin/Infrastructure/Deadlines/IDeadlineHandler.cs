namespace Houqin.Infrastructure.Deadlines;

/// <summary>
/// Does what a deadline of <see cref="Kind"/> means when it passes (escalate, auto-confirm, close a window…).
/// It runs in the transaction that marks the deadline fired, with that scope's services (the same
/// <c>AppDbContext</c>, <c>AuditLog</c>): its changes commit, or roll back, together with the firing.
/// Register with <see cref="DeadlinesModule.AddDeadlineHandler{T}"/>.
/// </summary>
public interface IDeadlineHandler
{
    string Kind { get; }

    Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// A handler whose firings may share one unit of work with other due timers (ADR 0013): one scope, one
/// <c>AppDbContext</c>, one <c>SaveChangesAsync</c> and one commit for a batch. Its
/// <see cref="IDeadlineHandler.HandleAsync"/> must read its subject through the change tracker (<c>FindAsync</c>, or
/// what <see cref="PrepareAsync"/> loaded) and cancel timers through <see cref="Deadlines"/>, because what earlier
/// firings of the batch changed is tracked but not yet saved. A handler that counts or searches rows in the
/// database stays an <see cref="IDeadlineHandler"/> and fires alone.
/// </summary>
public interface IBatchedDeadlineHandler : IDeadlineHandler
{
    /// <summary>Loads, in a few queries for the whole batch, what the firings of <paramref name="due"/> will read.</summary>
    Task PrepareAsync(IReadOnlyList<Deadline> due, IServiceProvider services, CancellationToken ct);
}
