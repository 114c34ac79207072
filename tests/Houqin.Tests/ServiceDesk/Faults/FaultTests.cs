using System.Text.Json;
using Houqin.Cli;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Outbox;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk.Faults;

/// <summary>
/// QUALITY.md's fault bar for the service desk: failing the N-th database command of a step, for every N until the
/// step needs fewer, leaves either all of the step or none of it (request row and timers, audit events, notices,
/// idempotency keys, ratings: every table's row count), answers a problem that leaks nothing, and the audit log
/// still verifies. A failing notification channel never blocks or undoes the business step.
/// </summary>
public class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record FaultyDesk(TestApp App, WebApplicationFactory<Program> Web, FailingDatabase Faults) : IAsyncDisposable
    {
        public static async Task<FaultyDesk> StartAsync(Action<IServiceCollection>? more = null)
        {
            var app = await TestApp.StartAsync(Beijing(11, 30, 10, 0));
            // Sealing by the clock would run database commands of its own while a fault is armed.
            app.Configure("Houqin:Audit:SealInterval", "00:00:00");
            var faults = new FailingDatabase();
            var web = app.WithTestSignIn()
                .WithWebHostBuilder(b =>
                    b.ConfigureTestServices(s =>
                    {
                        s.AddSingleton<IInterceptor>(faults);
                        more?.Invoke(s);
                    })
                );
            return new FaultyDesk(app, web, faults);
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static Task<HttpResponseMessage> LogCall(HttpClient staff, string? key = null) =>
        staff.ReportAsync(key: key, extra: new { channel = "Phone", caller = new { name = "赵老师", phone = "13800001111" } });

    [Fact]
    public async Task A_create_failing_at_any_database_command_leaves_all_of_it_or_none()
    {
        await EveryFaultAsync(_ => Task.FromResult<JsonElement?>(null), (d, _) => LogCall(d.Web.As("frontdesk"), key: Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task A_hand_off_failing_at_any_database_command_leaves_all_of_it_or_none()
    {
        await EveryFaultAsync(
            async d => await LogCall(d.Web.As("frontdesk")).CreatedAsync(),
            (d, r) => d.Web.As("frontdesk").StepAsync(r!.Value, "handoff", new { toUserName = "water1", reason = "请专业人员处理" })
        );
    }

    [Fact]
    public async Task A_completion_with_materials_failing_at_any_database_command_leaves_all_of_it_or_none()
    {
        await EveryFaultAsync(
            async d =>
            {
                var frontdesk = d.Web.As("frontdesk");
                var r = await LogCall(frontdesk).CreatedAsync();
                await frontdesk.OkAsync(r, "acknowledge");
                await frontdesk.OkAsync(r, "arrive");
                return r;
            },
            (d, r) => d.Web.As("frontdesk").StepAsync(r!.Value, "complete", new { method = "更换阀门", result = "已修好", materials = new[] { "阀门 DN15", "生料带" } })
        );
    }

    [Fact]
    public async Task A_rating_failing_at_any_database_command_leaves_all_of_it_or_none()
    {
        await EveryFaultAsync(
            async d =>
            {
                var water2 = d.Web.As("water2");
                var r = await d.Web.As("student").ReportAsync().CreatedAsync();
                await water2.OkAsync(r, "acknowledge");
                await water2.OkAsync(r, "arrive");
                await water2.OkAsync(r, "complete", new { method = "更换阀门", result = "已修好", materials = new[] { "阀门 DN15" } });
                await d.Web.As("student").OkAsync(r, "confirm");
                return r;
            },
            (d, r) => d.Web.As("student").StepAsync(r!.Value, "rate", new { timeliness = 5, quality = 4, attitude = 5, satisfaction = 4, comment = "师傅很快就到了" })
        );
    }

    /// <summary>
    /// For N = 1, 2, … sets up a request alike (no fault), fails the step's N-th database command and compares what it
    /// left with nothing and with what the first unfailed run (the last N) left.
    /// </summary>
    private static async Task EveryFaultAsync(Func<FaultyDesk, Task<JsonElement?>> setUp, Func<FaultyDesk, JsonElement?, Task<HttpResponseMessage>> step)
    {
        await using var d = await FaultyDesk.StartAsync();
        var failed = new List<(int N, Footprint Left, Footprint Nothing, string Answer)>();
        Footprint? whole = null;
        for (var n = 1; n <= 500 && whole is null; n++)
        {
            var r = await setUp(d);
            Guid? id = r is { } x ? Guid.Parse(x.Id()) : null;
            Guid? version = id is { } i ? await Footprint.VersionAsync(d.Web.Services, i) : null;
            var before = await Footprint.CountAsync(d.Web.Services);
            var nothing = new Footprint("", await Footprint.RequestAsync(d.Web.Services, id, version));
            d.Faults.Arm(n);
            HttpResponseMessage response;
            try
            {
                response = await step(d, r);
            }
            finally
            {
                d.Faults.Disarm();
            }
            var body = await response.Content.ReadAsStringAsync(Ct);
            var left = new Footprint(Footprint.Delta(before, await Footprint.CountAsync(d.Web.Services)), await Footprint.RequestAsync(d.Web.Services, id, version));
            if (!d.Faults.Fired)
            {
                Assert.True(response.IsSuccessStatusCode, $"unfailed at N = {n}: {(int)response.StatusCode} {body}");
                Assert.NotEqual(nothing, left);
                whole = left;
                break;
            }
            if (!response.IsSuccessStatusCode)
            {
                Assert.True(
                    response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"N = {n}: {(int)response.StatusCode} answered {response.Content.Headers.ContentType}: {body}"
                );
                Assert.DoesNotContain("injected", body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            }
            failed.Add((n, left, nothing, $"{(int)response.StatusCode} {body}"));
        }
        Assert.NotNull(whole);
        Assert.NotEmpty(failed);
        foreach (var f in failed)
        {
            Assert.True(
                f.Left == f.Nothing || f.Left == whole,
                $"failing database command {f.N} left {f.Left}: neither nothing ({f.Nothing}) nor the whole step ({whole}); it answered {f.Answer}"
            );
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{failed.Count} faults injected; the whole step: {whole}");
        await AssertAuditVerifiesAsync(d.Web.Services);
    }

    private static async Task AssertAuditVerifiesAsync(IServiceProvider services)
    {
        var verb = services.GetServices<ICliVerb>().Single(v => v.Name == "audit verify");
        using var output = new StringWriter();
        var exit = await verb.RunAsync(services, [], output, Ct);
        Assert.True(exit == 0, output.ToString());
    }

    /// <summary>A mail or SMS gateway that is down for good.</summary>
    private sealed class DownChannel : INotificationChannel
    {
        public int Attempts;

        public string Name => "down";

        public int PerMinute => 1000;

        public Task SendAsync(OutgoingNotice notice, CancellationToken ct)
        {
            Interlocked.Increment(ref Attempts);
            throw new HttpRequestException("The gateway is down");
        }
    }

    [Fact]
    public async Task A_notification_channel_that_fails_neither_blocks_nor_undoes_the_step_and_the_in_app_notice_stays()
    {
        var channel = new DownChannel();
        await using var d = await FaultyDesk.StartAsync(s => s.AddSingleton<INotificationChannel>(channel));
        var frontdesk = d.Web.As("frontdesk");
        var r = await LogCall(frontdesk).CreatedAsync();

        var handedOff = await frontdesk.OkAsync(r, "handoff", new { toUserName = "water1", reason = "请专业人员处理" });
        var dispatcher = d.Web.Services.GetRequiredService<OutboxDispatcher>();
        var sent = await dispatcher.DispatchAsync(d.Web.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, Ct);

        Assert.Equal("HandedOff", handedOff.Str("status"));
        Assert.True(sent.Failed >= 1 && sent.Sent == 0, $"{sent}");
        Assert.True(channel.Attempts >= 1);
        var accepted = await d.Web.As("water1").OkAsync(r, "accept-handoff");
        Assert.Equal("water1", accepted.Str("handler", "userName"));

        await using var scope = d.Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = Guid.Parse(r.Id());
        var water1 = await db.Users.Where(u => u.UserName == "water1").Select(u => u.Id).SingleAsync(Ct);
        Assert.True(await db.Set<Notice>().AnyAsync(n => n.SubjectId == id && n.RecipientId == water1 && n.Kind == "service_request.handed_off", Ct));
        var request = await db.Set<ServiceRequest>().AsNoTracking().SingleAsync(x => x.Id == id, Ct);
        Assert.Equal(RequestStatus.Acknowledged, request.Status);
        var failedDeliveries = await (
            from dl in db.Set<Delivery>()
            join n in db.Set<Notice>() on dl.NoticeId equals n.Id
            where n.SubjectId == id && dl.Channel == "down" && dl.SentAt == null
            select dl.LastError
        ).ToListAsync(Ct);
        Assert.Contains(failedDeliveries, e => e != null && e.Contains("down", StringComparison.Ordinal));
    }
}
