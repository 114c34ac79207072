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
