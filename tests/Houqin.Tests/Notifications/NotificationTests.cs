using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Notifications;

public partial class NotificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> HandedOff(string number = "HQ-2026-000123") => new() { ["number"] = number, ["reason"] = "水管属于维修组" };

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/notifications/unread-count", Ct)).JsonAsync()).GetProperty("count").GetInt32();

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "") =>
        (await (await client.GetAsync("/api/v1/notifications" + query, Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToList();

    /// <summary>The student is told that requests 1 to <paramref name="count"/> were acknowledged, one step after another.</summary>
    private static async Task AcknowledgedAsync(WebApplicationFactory<Program> web, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await web.NotifyAsync(["student"], "service_request.acknowledged", new() { ["number"] = $"HQ-2026-00000{i}" });
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [Fact]
    public async Task A_notice_committed_with_its_change_is_listed_and_counted_and_one_rolled_back_is_not()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var subject = Guid.CreateVersion7();

        await web.NotifyAsync(["water2"], "service_request.handed_off", HandedOff(), subject: subject);
        await web.NotifyAsync(["water2"], "service_request.handed_off", HandedOff("HQ-2026-000999"), commit: false);

        var water2 = web.As("water2");
        Assert.Equal(1, await UnreadAsync(water2));
        var item = Assert.Single(await ListAsync(water2));
        Assert.Equal("service_request.handed_off", item.Str("kind"));
        Assert.Equal("报修单 HQ-2026-000123 已转给您：水管属于维修组", item.Str("text"));
        Assert.Equal($"/requests/{subject}", item.Str("link"));
        Assert.False(item.GetProperty("read").GetBoolean());
        var english = Assert.Single(await ListAsync(water2, "?culture=en-US"));
        Assert.Equal("Request HQ-2026-000123 was handed to you: 水管属于维修组", english.Str("text"));
        Assert.Equal(0, await UnreadAsync(web.As("water1")));
    }

    [Fact]
    public async Task The_actor_is_not_told_of_their_own_step_and_each_person_is_told_once()
    {
        var (app, web) = await StartAsync();
        await using var running = app;

        await web.NotifyAsync(["student", "water2", "water2", "water1"], "service_request.completed", new() { ["number"] = "HQ-2026-000001" }, actor: "water2");

        Assert.Equal(0, await UnreadAsync(web.As("water2")));
        Assert.Equal(1, await UnreadAsync(web.As("water1")));
        Assert.Equal("报修单 HQ-2026-000001 已完成，请确认或退回。", Assert.Single(await ListAsync(web.As("student"))).Str("text"));
    }

    [Fact]
    public async Task Marking_one_and_then_all_read_lowers_the_count_and_the_unread_list()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        await AcknowledgedAsync(web, 3);
        var student = web.As("student");
        var all = await ListAsync(student);
        Assert.Equal(["HQ-2026-000003", "HQ-2026-000002", "HQ-2026-000001"], all.Select(n => n.Str("text")[6..20]));

        Assert.Equal(HttpStatusCode.NoContent, (await student.PostAsync($"/api/v1/notifications/{all[1].Id()}/read", null, Ct)).StatusCode);
        Assert.Equal(2, await UnreadAsync(student));
        Assert.Equal([all[0].Id(), all[2].Id()], (await ListAsync(student, "?unread=true")).Select(n => n.Id()));
        Assert.True((await ListAsync(student)).Single(n => n.Id() == all[1].Id()).GetProperty("read").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await student.PostAsync("/api/v1/notifications/read-all", null, Ct)).StatusCode);
        Assert.Equal(0, await UnreadAsync(student));
        Assert.Empty(await ListAsync(student, "?unread=true"));
        Assert.Equal(3, (await ListAsync(student)).Count);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_newest_first_without_repeats()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        await AcknowledgedAsync(web, 5);
        var student = web.As("student");
        var first = await (await student.GetAsync("/api/v1/notifications?limit=2", Ct)).JsonAsync();
        var second = await (await student.GetAsync($"/api/v1/notifications?limit=2&cursor={first.Str("nextCursor")}", Ct)).JsonAsync();
        var third = await (await student.GetAsync($"/api/v1/notifications?limit=2&cursor={second.Str("nextCursor")}", Ct)).JsonAsync();
        var numbers = new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(n => n.Str("text")[6..20]);
        Assert.Equal(["HQ-2026-000005", "HQ-2026-000004", "HQ-2026-000003", "HQ-2026-000002", "HQ-2026-000001"], numbers);
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await student.GetAsync("/api/v1/notifications?cursor=%%%", Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_persons_notice_cannot_be_read_or_marked()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        await web.NotifyAsync(["water2"], "service_request.assigned", new() { ["number"] = "HQ-2026-000007" });
        var water2 = web.As("water2");
        var theirs = Assert.Single(await ListAsync(water2));

        var other = web.As("water1");
        Assert.Empty(await ListAsync(other));
        var marked = await other.PostAsync($"/api/v1/notifications/{theirs.Id()}/read", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, marked.StatusCode);
        Assert.Equal("not_found", await marked.CodeAsync());
        await other.PostAsync("/api/v1/notifications/read-all", null, Ct);
        Assert.Equal(1, await UnreadAsync(water2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.ClientAs(null).GetAsync("/api/v1/notifications", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_page_lists_notices_with_the_badge_and_marks_them_read()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        await web.NotifyAsync(["student"], "service_request.extension_approved", new() { ["number"] = "HQ-2026-000010", ["resolveBy"] = "2026-12-02T09:30:00Z" });
        var student = web.As("student");

        var html = await student.GetStringAsync("/notifications", Ct);
        Assert.Contains("报修单 HQ-2026-000010 的延期已批准，新的完成时限为 2026年12月2日 17:30。", html);
        Assert.Contains("id=\"notice-badge\"", html);
        Assert.Contains(">1</span>", html);
        var badge = await student.GetStringAsync("/notifications?handler=Badge", Ct);
        Assert.StartsWith("<span id=\"notice-badge\"", badge.Trim());
        Assert.Contains(">1</span>", badge);

        var readAll = await student.PostAsync(
            "/notifications?handler=ReadAll",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value }),
            Ct
        );
        Assert.Equal(HttpStatusCode.Redirect, readAll.StatusCode);
        Assert.Equal(0, await UnreadAsync(student));
        Assert.Contains("class=\"badge empty\"", await student.GetStringAsync("/notifications", Ct));
    }
}
