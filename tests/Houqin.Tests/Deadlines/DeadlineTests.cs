using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Deadlines;

public class DeadlineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Start = TestApp.DefaultStart.UtcDateTime;

    [Fact]
    public async Task Deadlines_fire_in_due_order_never_early_and_once_as_the_clock_advances()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog();
        var host = app.WithTestHandlers(log);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ScheduleAsync(host, (CountingHandler.Name, a, Start.AddMinutes(30)), (CountingHandler.Name, b, Start.AddMinutes(10)), (CountingHandler.Name, c, Start.AddMinutes(20)));
        using var client = host.CreateClient();

        Assert.Equal(0, (await AdvanceAsync(client, "PT9M59S")).GetProperty("fired").GetInt32());
        Assert.Empty(log.Fired);

        var answer = await AdvanceAsync(client, "PT1S");
        Assert.Equal("2026-11-30T09:10:00+08:00", answer.GetProperty("now").GetString());
        Assert.Equal([b], log.Fired.Select(f => f.Subject));

        await AdvanceAsync(client, "PT1H");
        await AdvanceAsync(client, "P1D");
        Assert.Equal([b, c, a], log.Fired.Select(f => f.Subject));
        Assert.All(log.Fired, f => Assert.True(f.Now >= Start.AddMinutes(10)));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.Set<Deadline>().ToListAsync(Ct);
        Assert.All(rows, d => Assert.True(d.FiredAt >= d.Due));
        Assert.All(rows, d => Assert.Equal(1, d.Attempts));
        Assert.Equal(3, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.fired", Ct));
    }

    [Fact]
    public async Task Cancelled_deadlines_never_fire()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog();
        var host = app.WithTestHandlers(log);
        var (kept, cancelled) = (Guid.NewGuid(), Guid.NewGuid());
        await ScheduleAsync(host, (CountingHandler.Name, kept, Start.AddMinutes(5)), (CountingHandler.Name, cancelled, Start.AddMinutes(5)));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var deadlines = scope.ServiceProvider.GetRequiredService<Infrastructure.Deadlines.Deadlines>();
            Assert.Equal(1, await deadlines.CancelAsync(CountingHandler.Name, cancelled, Ct));
            // Scheduled and cancelled in the same unit of work: never even saved.
            deadlines.Schedule(CountingHandler.Name, cancelled, Start.AddMinutes(6));
            Assert.Equal(1, await deadlines.CancelAsync(CountingHandler.Name, cancelled, Ct));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Ct);
        }
        using var client = host.CreateClient();
        await AdvanceAsync(client, "PT1H");
        Assert.Equal([kept], log.Fired.Select(f => f.Subject));
        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Set<Deadline>().SingleAsync(d => d.SubjectId == cancelled, Ct);
        Assert.NotNull(row.CancelledAt);
        Assert.Null(row.FiredAt);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_later_with_its_error_recorded_without_blocking_others()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog { FailuresLeft = 2 };
        var host = app.WithTestHandlers(log);
        var (flaky, steady) = (Guid.NewGuid(), Guid.NewGuid());
        await ScheduleAsync(host, (FlakyHandler.Name, flaky, Start.AddMinutes(1)), (CountingHandler.Name, steady, Start.AddMinutes(2)));
        using var client = host.CreateClient();

        var first = await AdvanceAsync(client, "PT5M");
        Assert.Equal(1, first.GetProperty("fired").GetInt32());
        Assert.Equal(1, first.GetProperty("failed").GetInt32());
        Assert.Equal([steady], log.Fired.Select(f => f.Subject));
        var row = await FindAsync(host, flaky);
        Assert.Null(row.FiredAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("the pump is not answering", row.LastError, StringComparison.Ordinal);
        Assert.Equal(Start.AddMinutes(6), row.NextAttemptAt);

        await AdvanceAsync(client, "PT1M"); // second failure: the wait doubles
        row = await FindAsync(host, flaky);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(Start.AddMinutes(8), row.NextAttemptAt);

        Assert.Equal(0, (await AdvanceAsync(client, "PT1M")).GetProperty("fired").GetInt32());
        Assert.Equal(1, (await AdvanceAsync(client, "PT1M")).GetProperty("fired").GetInt32());
        row = await FindAsync(host, flaky);
        Assert.NotNull(row.FiredAt);
        Assert.Equal(3, row.Attempts);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The failed attempts' writes rolled back with them; only the successful one's stayed.
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.flaky_touched", Ct));
    }

    [Fact]
    public async Task Scheduling_a_kind_without_a_handler_fails_at_once()
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<Infrastructure.Deadlines.Deadlines>();
        Assert.Throws<InvalidOperationException>(() => deadlines.Schedule("nobody.handles.this", Guid.NewGuid(), Start));
    }

    [Fact]
    public async Task Two_nodes_sweeping_one_PostgreSQL_database_fire_each_deadline_exactly_once()
    {
        if (!TestApp.OnPostgres)
        {
            Assert.Skip("Claiming between nodes is PostgreSQL's; SQLite runs one node.");
        }
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog();
        var node1 = app.WithTestHandlers(log, batchSize: 7);
        var node2 = app.WithTestHandlers(log, batchSize: 7);
        var subjects = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        await ScheduleAsync(node1, [.. subjects.Select((s, i) => (CountingHandler.Name, s, Start.AddSeconds(-i)))]);

        var sweepers = new[] { node1, node2 }.Select(n => n.Services.GetRequiredService<DeadlineSweeper>()).ToList();
        Assert.NotEqual(sweepers[0].Node, sweepers[1].Node);
        var results = await Task.WhenAll(
            sweepers.SelectMany(s => Enumerable.Range(0, 3).Select(_ => Task.Run(() => s.SweepAsync(Start, Ct), Ct)))
        );

        Assert.Equal(subjects.Count, results.Sum(r => r.Fired));
        Assert.Equal(subjects.Count, log.Fired.Count);
        Assert.Equal(subjects.Order(), log.Fired.Select(f => f.Subject).Order());
        await using var scope = node1.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(subjects.Count, await db.Set<AuditEvent>().CountAsync(e => e.Action == "test.fired", Ct));
        var firedBy = await db.Set<Deadline>().Select(d => d.ClaimedBy).Distinct().ToListAsync(Ct);
        Assert.Equal(2, firedBy.Count);
        Assert.Equal(0, await db.Set<Deadline>().CountAsync(d => d.FiredAt == null, Ct));
    }

    [Fact]
    public async Task The_background_sweeper_fires_due_deadlines_on_its_own_when_enabled()
    {
        await using var app = await TestApp.StartAsync();
        var log = new FiringLog();
        var host = app.WithTestHandlers(log);
        var background = host.WithWebHostBuilder(b =>
        {
            b.UseSetting("Houqin:Deadlines:Background", "true");
            b.UseSetting("Houqin:Deadlines:SweepInterval", "00:00:00.100");
        });
        var subject = Guid.NewGuid();
        await ScheduleAsync(background, (CountingHandler.Name, subject, Start.AddMinutes(-1)));
        for (var i = 0; i < 100 && log.Fired.IsEmpty; i++)
        {
            await Task.Delay(100, Ct);
        }
        Assert.Equal([subject], log.Fired.Select(f => f.Subject));
    }

    [Fact]
    public async Task The_test_clock_answers_its_time_and_refuses_bad_durations()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        var now = await client.GetFromJsonAsync<JsonElement>("/api/v1/test-clock", Ct);
        Assert.Equal("2026-11-30T09:00:00+08:00", now.GetProperty("now").GetString());
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by = "two hours" }, Ct), 422, "invalid_duration");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by = "-PT1H" }, Ct), 422, "negative_duration");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by = 7200 }, Ct), 422, "invalid_duration");
        using var broken = new StringContent("{\"by\":", System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(await client.PostAsync("/api/v1/test-clock/advance", broken, Ct), 400, "malformed_json");
        Assert.Equal("2026-11-30T09:00:00+08:00", (await client.GetFromJsonAsync<JsonElement>("/api/v1/test-clock", Ct)).GetProperty("now").GetString());
        var advanced = await AdvanceAsync(client, "P1DT2H30M");
        Assert.Equal("2026-12-01T11:30:00+08:00", advanced.GetProperty("now").GetString());
    }

    [Fact]
    public async Task Without_the_manual_clock_the_test_clock_does_not_exist()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithWebHostBuilder(b => b.UseSetting("Houqin:Clock:Mode", "System")).CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/test-clock", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by = "PT1H" }, Ct)).StatusCode);
    }

    /// <summary>
    /// Schedules the test's own timers on a table emptied of the demo's (checklists, the consultation), so what a
    /// sweep fires and what the table holds is only what the test put there.
    /// </summary>
    internal static async Task ScheduleAsync(WebApplicationFactory<Program> host, params (string Kind, Guid Subject, DateTime Due)[] items)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Deadline>().ExecuteDeleteAsync(Ct);
        var deadlines = scope.ServiceProvider.GetRequiredService<Infrastructure.Deadlines.Deadlines>();
        foreach (var (kind, subject, due) in items)
        {
            deadlines.Schedule(kind, subject, due);
        }
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Ct);
    }

    private static async Task<Deadline> FindAsync(WebApplicationFactory<Program> host, Guid subject)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Deadline>().SingleAsync(d => d.SubjectId == subject, Ct);
    }

    internal static async Task<JsonElement> AdvanceAsync(HttpClient client, string by)
    {
        var response = await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }
}
