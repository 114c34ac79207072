using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Houqin.Tests.DeskPages;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>
/// A request staff log for a caller (ADR 0022): the logger owns it (首问负责制), and it is handled by whoever receives the
/// category's requests at its post then — roster, absence and delegate respected — unless the logger works in that team.
/// </summary>
public class LoggedRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<(string Actor, string Action, string? Note)> Lines(JsonElement request) =>
        request.GetProperty("timeline").EnumerateArray().Select(t => (t.Str("actor"), t.Str("action"), t.GetProperty("note").GetString())).ToList();

    [Fact]
    public async Task A_call_about_a_burst_pipe_goes_to_the_water_post_on_duty_while_the_front_desk_owns_it()
    {
        // Monday 11-30 10:00: water2 (刘海) has the water post's day shift; frontdesk (陈静) takes the call.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (frontdesk, water2) = (web.As("frontdesk"), web.As("water2"));
        var r = await frontdesk.LogCallAsync();
        var number = r.Str("number");

        Assert.Equal("frontdesk", r.Str("firstContactOwner", "userName"));
        Assert.Equal("water2", r.Str("handler", "userName"));
        Assert.Equal("刘海", r.Str("handler", "displayName"));
        Assert.Equal("Submitted", r.Str("status"));

        // The timeline: who logged it for whom, then who handles it.
        Assert.Equal(
            [("frontdesk", "service_request.logged", "赵老师"), ("system", "service_request.routed", "刘海")],
            Lines(await frontdesk.GetRequestAsync(r))
        );
        // Both are told: the handler that it is theirs and for whom, the logger whom to follow up with.
        Assert.Equal([("service_request.logged_for_you", $"陈静 代 赵老师 登记的报修单 {number} 已交给您处理。")], await water2.NoticesAsync());
        Assert.Equal(
            [("service_request.routed", $"您代 赵老师 登记的报修单 {number} 已由 刘海 承办；您仍是首问责任人，请跟进到底。")],
            await frontdesk.NoticesAsync()
        );

        // The handler works it; the owner stays on it and is told of each step.
        await water2.OkAsync(r, "acknowledge");
        Assert.Contains(await frontdesk.NoticesAsync(), n => n.Kind == "service_request.progress");

        // In the queues: the front desk owns it (not handling), water2 handles it (not owning).
        var owned = await frontdesk.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=owned", Ct);
        var handling = await water2.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=handling", Ct);
        Assert.Contains(owned.GetProperty("items").EnumerateArray(), i => i.Str("number") == number);
        Assert.Contains(handling.GetProperty("items").EnumerateArray(), i => i.Str("number") == number);
        Assert.DoesNotContain((await frontdesk.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=handling", Ct)).GetProperty("items").EnumerateArray(), i => i.Str("number") == number);
        Assert.DoesNotContain((await water2.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=owned", Ct)).GetProperty("items").EnumerateArray(), i => i.Str("number") == number);

        var (_, frontdeskDesk) = await frontdesk.GetPageAsync("/desk");
        Assert.Contains(number, Numbers(frontdeskDesk, "owned"));
        Assert.DoesNotContain(number, Numbers(frontdeskDesk, "handling"));
        var (_, waterDesk) = await water2.GetPageAsync("/desk");
        Assert.Contains(number, Numbers(waterDesk, "handling"));
        Assert.DoesNotContain(number, Numbers(waterDesk, "owned"));
    }

    [Theory]
    // Monday 12-07 22:00: water2's night shift, but water2 is on leave and leader-water stands in.
    [InlineData("2026-12-07T22:00:00+08:00", "power-outage", "leader-water")]
    // Monday 11-30 19:00: the repair post's shift ended at 17:30; nobody is on duty, so its team leader.
    [InlineData("2026-11-30T19:00:00+08:00", "door-lock", "leader-repair")]
    public async Task A_call_goes_to_whoever_receives_at_the_post_then_as_a_requesters_report_would(string at, string category, string handler)
    {
        var (app, web) = await StartAsync(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        await using var running = app;
        var r = await web.As("frontdesk").LogCallAsync(category);

        Assert.Equal("frontdesk", r.Str("firstContactOwner", "userName"));
        Assert.Equal(handler, r.Str("handler", "userName"));
    }

    [Theory]
    [InlineData("water1", "water-leak", "张建国")] // holds the water post, though water2 is the one on duty
    [InlineData("leader-water", "power-outage", "赵志强")] // leads the water team
    [InlineData("frontdesk", "meeting-setup", "陈静")] // the hall's own category
    public async Task Staff_who_work_in_the_receiving_team_keep_the_call_they_log(string logger, string category, string displayName)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var staff = web.As(logger);
        var r = await staff.LogCallAsync(category);

        Assert.Equal(logger, r.Str("firstContactOwner", "userName"));
        Assert.Equal(logger, r.Str("handler", "userName"));
        Assert.Equal(
            [(logger, "service_request.logged", "赵老师"), ("system", "service_request.routed", displayName)],
            Lines(await staff.GetRequestAsync(r))
        );
        // Nobody else is on it, and the logger is not told of what they did themselves.
        Assert.Empty(await web.As("water2").NoticesAsync());
        Assert.Empty(await staff.NoticesAsync());
    }

    [Fact]
    public async Task The_request_page_timeline_says_who_logged_it_for_whom_and_who_handles_it()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("frontdesk").LogCallAsync();

        var (_, page) = await web.As("water2").GetPageAsync($"/requests/{r.Id()}");
        var lines = page.QuerySelectorAll("#timeline li").Select(li => li.TextContent).ToList();
        Assert.Contains(lines, l => l.Contains("陈静 代报修人登记了报修", StringComparison.Ordinal) && l.Contains("赵老师", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("按接报岗位确定了承办人", StringComparison.Ordinal) && l.Contains("刘海", StringComparison.Ordinal));
    }

    private static List<string> Numbers(IDocument page, string section) =>
        page.QuerySelectorAll($"#{section} li[data-number]").Select(li => li.GetAttribute("data-number")!).ToList();
}
