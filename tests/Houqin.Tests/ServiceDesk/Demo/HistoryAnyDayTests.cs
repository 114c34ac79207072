using System.Globalization;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.ServiceDesk.Demo;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.ServiceDesk.Demo;

/// <summary>The history reaches back from whenever the demo is seeded: on any day its stories still keep every rule.</summary>
public class HistoryAnyDayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-10-03T23:30:00+08:00")] // a night in the National Day holiday
    [InlineData("2026-11-29T06:40:00+08:00")] // early on a Sunday
    [InlineData("2026-07-15T14:10:00+08:00")] // a summer afternoon
    public async Task Seeded_on_any_day_the_history_refuses_no_step_and_leaves_nothing_pending_in_the_past(string at)
    {
        var now = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        await using var app = await TestApp.StartAsync(now);
        app.Configure("Houqin:Demo:Seed", "true").Configure(DemoHistory.Setting, "true");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var marker = await db.Set<AuditEvent>().SingleAsync(e => e.Action == "demo.history_seeded", Ct);
        var data = JsonDocument.Parse(marker.Data).RootElement;
        Assert.Equal(0, data.GetProperty("skipped").GetInt32());
        Assert.InRange(data.GetProperty("requests").GetInt32(), 200, 450);
        var pending = await db.Set<Deadline>().Where(d => d.FiredAt == null && d.CancelledAt == null).Select(d => d.Due).ToListAsync(Ct);
        Assert.All(pending, due => Assert.True(due > now.UtcDateTime));
    }
}
