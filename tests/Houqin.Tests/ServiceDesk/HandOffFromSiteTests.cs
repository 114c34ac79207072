using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>
/// A hand-off from on site or from a pause (ADR 0021): the new handler still has to come, but the "be on site by"
/// commitment was met by the first arrival, which is kept; the ladder and the resolve commitment carry on unreset.
/// </summary>
public class HandOffFromSiteTests
{
    /// <summary>Monday 11-30 10:00: the student's report, owned by water2 who is on site at once (and paused, if a reason is given).</summary>
    private static async Task<(TestApp, WebApplicationFactory<Program>, HttpClient Student, HttpClient Water2, HttpClient Water1, JsonElement)> OnSiteAsync(string? pause = null)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();
        await water2.OkAsync(r, "acknowledge");
        Assert.Equal(Beijing(11, 30, 10, 0), (await water2.OkAsync(r, "arrive")).GetProperty("arrivedAt").GetDateTimeOffset());
        if (pause is not null)
        {
            await water2.OkAsync(r, "pause", new { reason = pause });
        }
        return (app, web, student, water2, web.As("water1"), r);
    }

    private static int Count(JsonElement request, string action, string? note = null) =>
        request.GetProperty("timeline").EnumerateArray().Count(t => t.Str("action") == action && (note is null || t.Str("note") == note));

    [Fact]
    public async Task Handed_off_from_on_site_the_first_arrival_is_kept_and_the_new_handlers_arrival_is_a_step_of_its_own()
    {
        var (app, web, student, water2, water1, r) = await OnSiteAsync();
        await using var running = app;

        // The pipe needs water1's tools: handed off from on site, accepted an hour later.
        await web.AdvanceAsync("PT1H");
        Assert.Equal("HandedOff", (await water2.OkAsync(r, "handoff", new { toUserName = "water1", reason = "需要管道切割机，water1 有" })).Str("status"));
        var accepted = await water1.OkAsync(r, "accept-handoff");
        Assert.Equal("Acknowledged", accepted.Str("status"));
        Assert.Equal("water1", accepted.Str("handler", "userName"));
        Assert.Equal(Beijing(11, 30, 10, 0), accepted.GetProperty("arrivedAt").GetDateTimeOffset());

        // The requester hears that someone else will come.
        var told = await (await student.GetAsync("/api/v1/notifications?limit=100", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Contains(told.GetProperty("items").EnumerateArray(), n => n.Str("kind") == "service_request.handler_changed");

        // water1 comes the next afternoon, past the "be on site by" instant (Tuesday 10:00): the commitment was met at
        // 10:00 on Monday and stays met; its timer is not armed again, so nothing falls overdue.
        await web.AdvanceAsync("P1DT4H");
        var again = await water1.OkAsync(r, "arrive");
        Assert.Equal("OnSite", again.Str("status"));
        Assert.Equal(Beijing(11, 30, 10, 0), again.GetProperty("arrivedAt").GetDateTimeOffset());
        Assert.True(again.Instant("arriveBy") < Beijing(12, 1, 15, 20));
        await water1.OkAsync(r, "complete", new { method = "切管换接头", result = "不漏了" });

        await web.AdvanceAsync("P1D");
        var done = await student.GetRequestAsync(r);
        Assert.False(done.IsOverdue());
        Assert.Equal(0, done.Level());
        Assert.Equal(Beijing(11, 30, 10, 0), done.GetProperty("arrivedAt").GetDateTimeOffset());
        Assert.Equal(0, Count(done, "service_request.overdue"));
        Assert.Equal(
            [("water2", "service_request.arrived"), ("water1", "service_request.arrived")],
            done.Timeline().Where(t => t.Action == "service_request.arrived")
        );
        Assert.Equal(
            [
                ("water2", "service_request.arrived"),
                ("water2", "service_request.handed_off"),
                ("water1", "service_request.handoff_accepted"),
                ("water1", "service_request.arrived"),
                ("water1", "service_request.completed"),
            ],
            done.Timeline().SkipWhile(t => t.Action != "service_request.arrived")
        );
    }

    [Fact]
    public async Task Handed_off_while_paused_the_pause_ends_on_acceptance_and_the_ladder_climbs_once_for_the_missed_resolution()
    {
        // water2 is on site at once and pauses, waiting for a valve.
        var (app, web, student, water2, water1, r) = await OnSiteAsync(pause: "等阀门配件到货");
        await using var running = app;

        // The resolve commitment (3 working days) falls due while it waits: overdue, one rung up.
        await web.AdvanceAsync(System.Xml.XmlConvert.ToString(r.Instant("resolveBy") - Beijing(11, 30, 10, 0) + TimeSpan.FromMinutes(1)));
        var missed = await student.GetRequestAsync(r);
        Assert.Equal(1, missed.Level());
        Assert.Equal("Resolution", missed.Str("ladderWaitingFor"));

        // The valve came to water1's store: water2 hands the paused request over. While the hand-off waits, the pause
        // still says what the request waits for; accepted, the pause is over and water1 has to come.
        var handed = await water2.OkAsync(r, "handoff", new { toUserName = "water1", reason = "阀门在 water1 那里，由他来装" });
        Assert.Equal("等阀门配件到货", handed.Str("pauseReason"));
        await water2.RefusedAsync(r, "resume", null, HttpStatusCode.Conflict, "invalid_state");
        var accepted = await water1.OkAsync(r, "accept-handoff");
        Assert.Equal("Acknowledged", accepted.Str("status"));
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("pauseReason").ValueKind);
        await water1.RefusedAsync(r, "resume", null, HttpStatusCode.Conflict, "invalid_state");
        // Accepting is not resolving: the ladder still waits for the resolution, at the rung it reached.
        Assert.Equal(1, accepted.Level());
        Assert.Equal("Resolution", accepted.Str("ladderWaitingFor"));

        await water1.OkAsync(r, "arrive");
        var done = await water1.OkAsync(r, "complete", new { method = "换阀门", result = "不漏了" });
        Assert.Equal("None", done.Str("ladderWaitingFor"));
        Assert.Equal(Beijing(11, 30, 10, 0), done.GetProperty("arrivedAt").GetDateTimeOffset());

        // Over the next days nothing climbs again or falls due twice: one resolve miss, one climb, no arrive miss.
        await web.AdvanceAsync("P3D");
        var later = await student.GetRequestAsync(r);
        Assert.Equal(1, later.Level());
        Assert.Equal(["leader-water"], later.CoOwners());
        Assert.Equal(1, Count(later, "service_request.overdue", "resolve"));
        Assert.Equal(0, Count(later, "service_request.overdue", "arrive"));
        Assert.Equal(1, Count(later, "service_request.escalated"));
        Assert.Equal(2, Count(later, "service_request.arrived"));
        Assert.Equal("Completed", later.Str("status"));
    }

    [Fact]
    public async Task A_hand_off_from_on_site_declined_comes_back_to_the_owner_who_comes_again()
    {
        var (app, web, _, water2, water1, r) = await OnSiteAsync(pause: "等配件");
        await using var running = app;
        await water2.OkAsync(r, "handoff", new { toUserName = "water1", reason = "你有配件" });

        var declined = await water1.OkAsync(r, "decline-handoff", new { reason = "我也没有" });
        Assert.Equal("Acknowledged", declined.Str("status"));
        Assert.Equal("water2", declined.Str("handler", "userName"));
        Assert.Equal(JsonValueKind.Null, declined.GetProperty("pauseReason").ValueKind);

        await web.AdvanceAsync("PT2H");
        var back = await water2.OkAsync(r, "arrive");
        Assert.Equal(Beijing(11, 30, 10, 0), back.GetProperty("arrivedAt").GetDateTimeOffset());
        Assert.Equal(2, Count(back, "service_request.arrived"));
    }
}
