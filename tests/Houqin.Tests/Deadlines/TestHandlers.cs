using System.Collections.Concurrent;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Deadlines;

/// <summary>What the test handlers saw, shared by every host of one test.</summary>
internal sealed class FiringLog
{
    public ConcurrentQueue<(Guid Subject, DateTime Now)> Fired { get; } = new();

    /// <summary>How many more times the flaky handler throws.</summary>
    public int FailuresLeft;
}

/// <summary>Records the firing both in memory and, in the firing's own transaction, as an audit event.</summary>
internal sealed class CountingHandler(FiringLog log, AuditLog audit, TimeProvider clock) : IBatchedDeadlineHandler
{
    public const string Name = "test.count";

    public string Kind => Name;

    public Task PrepareAsync(IReadOnlyList<Deadline> due, IServiceProvider services, CancellationToken ct) => Task.CompletedTask;

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        audit.RecordAs("system", "test.fired", "Subject", deadline.SubjectId);
        log.Fired.Enqueue((deadline.SubjectId, clock.GetUtcNow().UtcDateTime));
        await Task.Yield();
    }
}

internal sealed class FlakyHandler(FiringLog log, AuditLog audit) : IBatchedDeadlineHandler
{
    public const string Name = "test.flaky";

    public string Kind => Name;

    public Task PrepareAsync(IReadOnlyList<Deadline> due, IServiceProvider services, CancellationToken ct) => Task.CompletedTask;

    public Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        // Written before the failure: it must roll back with it.
        audit.RecordAs("system", "test.flaky_touched", "Subject", deadline.SubjectId);
        if (Interlocked.Decrement(ref log.FailuresLeft) >= 0)
        {
            throw new InvalidOperationException("the pump is not answering");
        }
        log.Fired.Enqueue((deadline.SubjectId, DateTime.MinValue));
        return Task.CompletedTask;
    }
}

/// <summary>Cancels the subject's pending counting timer, as a step settles a request's other timers.</summary>
internal sealed class SettlingHandler(Infrastructure.Deadlines.Deadlines deadlines, AuditLog audit) : IBatchedDeadlineHandler
{
    public const string Name = "test.settle";

    public string Kind => Name;

    public Task PrepareAsync(IReadOnlyList<Deadline> due, IServiceProvider services, CancellationToken ct) =>
        deadlines.LoadPendingAsync([.. due.Select(d => d.SubjectId)], ct);

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        audit.RecordAs("system", "test.settled", "Subject", deadline.SubjectId);
        await deadlines.CancelAsync(CountingHandler.Name, deadline.SubjectId, ct);
    }
}

/// <summary>A handler that has not opted into batches: it fires alone, in its own transaction.</summary>
internal sealed class LoneHandler(FiringLog log, AuditLog audit) : IDeadlineHandler
{
    public const string Name = "test.lone";

    public string Kind => Name;

    public Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        audit.RecordAs("system", "test.fired", "Subject", deadline.SubjectId);
        log.Fired.Enqueue((deadline.SubjectId, DateTime.MaxValue));
        return Task.CompletedTask;
    }
}

internal static class DeadlineTestHost
{
    public static WebApplicationFactory<Program> WithTestHandlers(this TestApp app, FiringLog log, int? batchSize = null) =>
        app.WithWebHostBuilder(b =>
        {
            if (batchSize is { } size)
            {
                b.UseSetting("Houqin:Deadlines:BatchSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton(log);
                s.AddDeadlineHandler<CountingHandler>();
                s.AddDeadlineHandler<FlakyHandler>();
                s.AddDeadlineHandler<SettlingHandler>();
                s.AddDeadlineHandler<LoneHandler>();
            });
        });
}
