using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

public class LifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Monday 11-30 10:00: the student's report goes to water2, on the water-duty day shift.</summary>
    private static async Task<(TestApp, WebApplicationFactory<Program>, HttpClient, HttpClient, JsonElement)> ReportedToWater2Async()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        var student = web.As("student");
        return (app, web, student, web.As("water2"), await student.ReportAsync().CreatedAsync());
    }

    [Fact]
    public async Task The_happy_path_ends_confirmed_with_every_step_on_the_timeline()
    {
        var (app, web, student, water2, r) = await ReportedToWater2Async();
        await using var running = app;

        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(r, "acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(r, "arrive")).StatusCode);
        var completed = await water2.StepAsync(r, "complete", new { method = "更换阀门", result = "已修好，不再漏水", materials = new[] { "阀门 DN15", "生料带" } });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Completed", (await completed.JsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await student.StepAsync(r, "confirm")).StatusCode);

        var done = await student.GetRequestAsync(r);
        Assert.Equal("Confirmed", done.Str("status"));
        Assert.Equal(["阀门 DN15", "生料带"], done.GetProperty("completion").GetProperty("materials").EnumerateArray().Select(m => m.GetString()));
        var timeline = done.GetProperty("timeline").EnumerateArray().Select(t => (t.Str("actor"), t.Str("action"))).ToList();
        Assert.Equal(
            [
                ("student", "service_request.submitted"),
                ("water2", "service_request.acknowledged"),
                ("water2", "service_request.arrived"),
                ("water2", "service_request.completed"),
                ("student", "service_request.confirmed"),
            ],
            timeline
        );
        Assert.Equal("已修好，不再漏水", done.GetProperty("timeline")[3].Str("note"));
    }

    [Fact]
    public async Task Acknowledging_twice_is_a_conflict_and_other_people_cannot_take_steps()
    {
        var (app, web, student, water2, r) = await ReportedToWater2Async();
        await using var running = app;

        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(r, "acknowledge")).StatusCode);
        var twice = await water2.StepAsync(r, "acknowledge");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_state", await twice.CodeAsync());

        // Confirming before completion is out of order; the requester cannot do the handler's steps.
        Assert.Equal("invalid_state", await (await student.StepAsync(r, "confirm")).CodeAsync());
        var byRequester = await student.StepAsync(r, "arrive");
        Assert.Equal(HttpStatusCode.Forbidden, byRequester.StatusCode);
        Assert.Equal("not_allowed", await byRequester.CodeAsync());
        // water1 is in the team and sees the request, but is not on it.
        Assert.Equal(HttpStatusCode.Forbidden, (await web.As("water1").StepAsync(r, "arrive")).StatusCode);

        await water2.StepAsync(r, "arrive");
        var noMethod = await water2.StepAsync(r, "complete", new { result = "好了" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noMethod.StatusCode);
        Assert.True((await noMethod.JsonAsync()).GetProperty("errors").TryGetProperty("method", out _));
        Assert.Equal("OnSite", (await student.GetRequestAsync(r)).Str("status"));
        Assert.Equal(3, (await student.GetRequestAsync(r)).GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task A_student_cannot_see_another_students_request()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var other = web.As("student2");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/service-requests/{r.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.StepAsync(r, "confirm")).StatusCode);
        var mine = await other.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=mine", Ct);
        Assert.Equal(0, mine.GetProperty("items").GetArrayLength());
        // Staff of another team do not see it either; its team and the leaders do.
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("repair1").GetAsync($"/api/v1/service-requests/{r.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.As("water1").GetAsync($"/api/v1/service-requests/{r.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.As("leader-repair").GetAsync($"/api/v1/service-requests/{r.Id()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Queues_page_by_keyset_newest_first()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            made.Add((await student.ReportAsync().CreatedAsync()).Str("number"));
        }

        var first = await student.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=mine&limit=2", Ct);
        var cursor = first.Str("nextCursor");
        var second = await student.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests?scope=mine&limit=2&cursor={cursor}", Ct);
        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(x => x.Str("number"));
        Assert.Equal(Enumerable.Reverse(made), seen);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var handling = await web.As("water2").GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=handling&status=Submitted", Ct);
        Assert.Equal(3, handling.GetProperty("items").GetArrayLength());
        var team = await web.As("water1").GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=team", Ct);
        Assert.Equal(3, team.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await student.GetAsync("/api/v1/service-requests?scope=team", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await student.GetAsync("/api/v1/service-requests?status=Lost", Ct)).StatusCode);

        // The deputy's teams' lists are read one team at a time and merged: pages stay newest first across teams.
        made.Add((await student.ReportAsync("furniture").CreatedAsync()).Str("number"));
        made.Add((await student.ReportAsync("furniture").CreatedAsync()).Str("number"));
        var pages = new List<string>();
        string? next = null;
        do
        {
            var page = await web.As("deputy").GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=team&limit=2" + (next is null ? "" : "&cursor=" + next), Ct);
            pages.AddRange(page.GetProperty("items").EnumerateArray().Select(x => x.Str("number")));
            next = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        } while (next is not null);
        Assert.Equal(pages.Distinct().OrderByDescending(n => n, StringComparer.Ordinal), pages);
        Assert.Subset(pages.ToHashSet(), made.ToHashSet());
    }

    [Fact]
    public async Task Categories_list_two_levels_with_their_post_and_commitments()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var all = await web.As("student").GetFromJsonAsync<JsonElement>("/api/v1/service-categories", Ct);
        var byCode = all.EnumerateArray().ToDictionary(c => c.Str("code"));

        Assert.Equal("水", byCode["water"].Str("name"));
        Assert.Equal("water", byCode["water-leak"].Str("parentCode"));
        Assert.Equal("water-duty", byCode["water-leak"].Str("postCode"));
        Assert.Equal("repair-duty", byCode["furniture"].Str("postCode"));
        Assert.Equal("cleaning", byCode["greening"].Str("postCode"));
        var emergency = byCode["electricity"].GetProperty("commitments").EnumerateArray().Single(c => c.Str("urgency") == "Emergency");
        Assert.Equal("20", emergency.Str("arrive", "minutes"));
        Assert.Equal("24x7", emergency.Str("arrive", "clock"));
    }
}
