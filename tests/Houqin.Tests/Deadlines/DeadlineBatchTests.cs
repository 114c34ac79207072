using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Deadlines;

/// <summary>Due timers of batched kinds fire a run per transaction: what one handler does must not leak into its neighbours.</summary>
public class DeadlineBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Start = TestApp.DefaultStart.UtcDateTime;

    [Fact]
    public async Task A_handler_failing_in_the_middle_of_a_batch_neither_undoes_nor_blocks_the_others()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog { FailuresLeft = 1 };
        var host = app.WithTestHandlers(log);
        var before = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var flaky = Guid.NewGuid();
        var after = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await DeadlineTests.ScheduleAsync(
            host,
            [
                .. before.Select((s, i) => (CountingHandler.Name, s, Start.AddMinutes(1).AddSeconds(i))),
                (FlakyHandler.Name, flaky, Start.AddMinutes(2)),
                .. after.Select((s, i) => (CountingHandler.Name, s, Start.AddMinutes(3).AddSeconds(i))),
            ]
        );
        using var client = host.CreateClient();

        var sweep = await DeadlineTests.AdvanceAsync(client, "PT5M");

        Assert.Equal(10, sweep.GetProperty("fired").GetInt32());
        Assert.Equal(1, sweep.GetProperty("failed").GetInt32());
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Each of the others fired once, with its audit event, though the run was rolled back once and went again.
        Assert.Equal(10, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.fired", Ct));
        Assert.Equal(0, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.flaky_touched", Ct));
        var failed = await db.Set<Deadline>().SingleAsync(d => d.SubjectId == flaky, Ct);
        Assert.Null(failed.FiredAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(Start.AddMinutes(6), failed.NextAttemptAt);
        Assert.Contains("the pump is not answering", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(10, await db.Set<Deadline>().CountAsync(d => d.FiredAt != null && d.Attempts == 1, Ct));

        // Retried after its backoff, and its work kept this time.
        Assert.Equal(1, (await DeadlineTests.AdvanceAsync(client, "PT1M")).GetProperty("fired").GetInt32());
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.flaky_touched", Ct));
        Assert.Equal(11, log.Fired.Select(f => f.Subject).Distinct().Count());
    }

    [Fact]
    public async Task Three_hundred_due_timers_all_fire_once_in_one_sweep_in_due_order_with_their_audit_events()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog();
        var host = app.WithTestHandlers(log);
        var subjects = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        // Scheduled in reverse, so insertion order is not due order.
        await DeadlineTests.ScheduleAsync(host, [.. subjects.Select((s, i) => (CountingHandler.Name, s, Start.AddSeconds(300 - i)))]);
        using var client = host.CreateClient();

        var sweep = await DeadlineTests.AdvanceAsync(client, "PT10M");

        Assert.Equal(300, sweep.GetProperty("fired").GetInt32());
        Assert.Equal(Enumerable.Reverse(subjects), log.Fired.Select(f => f.Subject));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(300, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.fired", Ct));
        Assert.Equal(300, await db.Set<Deadline>().CountAsync(d => d.FiredAt != null && d.Attempts == 1, Ct));
        Assert.Equal(0, await db.Set<Deadline>().CountAsync(d => d.FiredAt == null && d.CancelledAt == null, Ct));
        Assert.Equal(0, (await DeadlineTests.AdvanceAsync(client, "PT10M")).GetProperty("fired").GetInt32());
    }

    [Fact]
    public async Task A_timer_cancelled_by_an_earlier_one_of_the_same_batch_does_not_fire()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog();
        var host = app.WithTestHandlers(log);
        var (settled, untouched) = (Guid.NewGuid(), Guid.NewGuid());
        await DeadlineTests.ScheduleAsync(
            host,
            (SettlingHandler.Name, settled, Start.AddMinutes(1)),
            (CountingHandler.Name, settled, Start.AddMinutes(2)),
            (CountingHandler.Name, untouched, Start.AddMinutes(3))
        );
        using var client = host.CreateClient();

        var sweep = await DeadlineTests.AdvanceAsync(client, "PT5M");

        Assert.Equal(2, sweep.GetProperty("fired").GetInt32());
        Assert.Equal([untouched], log.Fired.Select(f => f.Subject));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cancelled = await db.Set<Deadline>().SingleAsync(d => d.SubjectId == settled && d.Kind == CountingHandler.Name, Ct);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.Null(cancelled.FiredAt);
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.settled", Ct));
    }

    [Fact]
    public async Task A_kind_that_has_not_opted_into_batches_fires_alone_in_due_order_between_runs()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog();
        var host = app.WithTestHandlers(log);
        var (a, lone, b) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await DeadlineTests.ScheduleAsync(
            host,
            (CountingHandler.Name, a, Start.AddMinutes(1)),
            (LoneHandler.Name, lone, Start.AddMinutes(2)),
            (CountingHandler.Name, b, Start.AddMinutes(3))
        );
        using var client = host.CreateClient();

        Assert.Equal(3, (await DeadlineTests.AdvanceAsync(client, "PT5M")).GetProperty("fired").GetInt32());

        Assert.Equal([a, lone, b], log.Fired.Select(f => f.Subject));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(3, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.fired", Ct));
    }
}
