using System.Collections.Concurrent;
using Houqin.Data;
using Houqin.Infrastructure.Clock;
using Houqin.Infrastructure.Outbox;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Notifications;

/// <summary>A stand-in for mail or SMS: records what it sent, and fails as often as it is told to.</summary>
internal sealed class TestChannel(int perMinute = 100) : INotificationChannel
{
    public ConcurrentQueue<(OutgoingNotice Notice, DateTime At)> Sent { get; } = new();

    public int FailuresLeft;

    public TimeProvider? Clock { get; set; }

    public string Name => "test";

    public int PerMinute => perMinute;

    public Task SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        if (Interlocked.Decrement(ref FailuresLeft) >= 0)
        {
            throw new HttpRequestException("The gateway is down");
        }
        Sent.Enqueue((notice, Clock!.GetUtcNow().UtcDateTime));
        return Task.CompletedTask;
    }
}

public class DispatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestApp App, WebApplicationFactory<Program> Web, TestChannel Channel)> StartAsync(DateTimeOffset at, int perMinute = 100)
    {
        var app = await TestApp.StartAsync(at);
        var channel = new TestChannel(perMinute);
        var web = app.WithTestSignIn().WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<INotificationChannel>(channel)));
        channel.Clock = web.Services.GetRequiredService<TimeProvider>();
        return (app, web, channel);
    }

    private static Task<DispatchResult> DispatchAsync(WebApplicationFactory<Program> web) =>
        web.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(web.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, Ct);

    private static void Advance(WebApplicationFactory<Program> web, TimeSpan by) => web.Services.GetRequiredService<ManualClock>().Advance(by);

    private static async Task<List<Delivery>> DeliveriesAsync(WebApplicationFactory<Program> web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Delivery>().AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_growing_delays_until_it_sends_and_the_notice_stays_readable_meanwhile()
    {
        var (app, web, channel) = await StartAsync(TestApp.DefaultStart);
        await using var running = app;
        channel.FailuresLeft = 2;
        await web.NotifyAsync(["water2"], "service_request.assigned", new() { ["number"] = "HQ-2026-000001" });

        Assert.Equal(new DispatchResult(0, 1, 0), await DispatchAsync(web));
        Assert.Equal(1, (await (await web.As("water2").GetAsync("/api/v1/notifications/unread-count", Ct)).JsonAsync()).GetProperty("count").GetInt32());
        Assert.Equal(new DispatchResult(0, 0, 0), await DispatchAsync(web)); // not before the first retry delay
        Advance(web, TimeSpan.FromMinutes(1));
        Assert.Equal(new DispatchResult(0, 1, 0), await DispatchAsync(web));
        Advance(web, TimeSpan.FromMinutes(1));
        Assert.Equal(new DispatchResult(0, 0, 0), await DispatchAsync(web)); // the second delay is two minutes
        Advance(web, TimeSpan.FromMinutes(1));
        Assert.Equal(new DispatchResult(1, 0, 0), await DispatchAsync(web));

        var (sent, at) = Assert.Single(channel.Sent);
        Assert.Equal("service_request.assigned", sent.Kind);
        Assert.Equal("HQ-2026-000001", sent.Args["number"]);
        Assert.Equal(await web.UserIdAsync("water2"), sent.RecipientId);
        Assert.Equal(TestApp.DefaultStart.AddMinutes(3).UtcDateTime, at);
        var delivery = Assert.Single(await DeliveriesAsync(web));
        Assert.Equal(2, delivery.Attempts);
        Assert.NotNull(delivery.SentAt);
        Assert.Contains("The gateway is down", delivery.LastError);
        Assert.Equal(new DispatchResult(0, 0, 0), await DispatchAsync(web)); // sent once only
    }

    [Fact]
    public async Task In_quiet_hours_only_urgent_notices_go_out_and_the_rest_wait_until_seven()
    {
        var (app, web, channel) = await StartAsync(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.FromHours(8)));
        await using var running = app;
        await web.NotifyAsync(["student"], "service_request.completed", new() { ["number"] = "HQ-2026-000001" });
        await web.NotifyAsync(["leader-water"], "service_request.escalated", new() { ["number"] = "HQ-2026-000001", ["level"] = "1", ["reason"] = "超时未受理" });

        Assert.Equal(new DispatchResult(1, 0, 1), await DispatchAsync(web));
        Assert.Equal("service_request.escalated", Assert.Single(channel.Sent).Notice.Kind);

        Advance(web, new TimeSpan(7, 59, 0)); // 06:59
        Assert.Equal(new DispatchResult(0, 0, 0), await DispatchAsync(web));
        Advance(web, TimeSpan.FromMinutes(1)); // 07:00
        Assert.Equal(new DispatchResult(1, 0, 0), await DispatchAsync(web));
        Assert.Equal(["service_request.escalated", "service_request.completed"], channel.Sent.Select(s => s.Notice.Kind));
    }

    [Fact]
    public async Task A_channel_sends_no_more_than_its_rate_a_minute()
    {
        var (app, web, channel) = await StartAsync(TestApp.DefaultStart, perMinute: 2);
        await using var running = app;
        await web.NotifyAsync(["student", "teacher", "water1"], "service_request.resumed", new() { ["number"] = "HQ-2026-000001" });

        Assert.Equal(2, (await DispatchAsync(web)).Sent);
        Advance(web, TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await DispatchAsync(web)).Sent);
        Advance(web, TimeSpan.FromSeconds(31));
        Assert.Equal(1, (await DispatchAsync(web)).Sent);
        Assert.Equal(3, channel.Sent.Select(s => s.Notice.RecipientId).Distinct().Count());
    }
}
