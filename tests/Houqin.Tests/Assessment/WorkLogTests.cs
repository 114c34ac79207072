using System.Net;
using System.Net.Http.Json;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Assessment;

/// <summary>The work log (工作日志): the day's matters from the service desk, entries by hand, closing with a self-evaluation, the leader's review.</summary>
public sealed class WorkLogTests
{
    private const string Monday = "2026-11-30";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_log_gathers_the_requests_the_person_handled_that_day_and_nothing_else()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var water2 = web.As("water2");
        var handled = await student.ReportAsync().CreatedAsync();
        var untouched = await student.ReportAsync(room: "E-01-102").CreatedAsync();
        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(handled, "acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(handled, "arrive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(handled, "complete", new { method = "更换阀门", result = "已修好" })).StatusCode);

        var log = await water2.WorkLogAsync(Monday);
        var matter = Assert.Single(log.GetProperty("matters").EnumerateArray());
        Assert.Equal(handled.Str("number"), matter.GetProperty("number").GetString());
        Assert.Equal(["acknowledged", "arrived", "completed"], matter.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()));
        Assert.Equal("更换阀门", matter.GetProperty("method").GetString());
        Assert.Equal("已修好", matter.GetProperty("result").GetString());
        Assert.DoesNotContain(untouched.Str("number"), log.GetRawText());

        // Nobody else handled it, and the next day starts empty.
        Assert.Empty((await web.As("water1").WorkLogAsync(Monday)).GetProperty("matters").EnumerateArray());
        Assert.Empty((await water2.WorkLogAsync("2026-12-01")).GetProperty("matters").EnumerateArray());
    }

    [Fact]
    public async Task The_person_adds_entries_and_closes_the_day_with_a_self_evaluation_after_which_it_no_longer_changes()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var repair1 = web.As("repair1");
        var entry = new { process = "检查E-10教学楼门窗", result = "更换两处合页", method = "逐层巡查" };

        Assert.Equal(HttpStatusCode.Created, (await repair1.PostAsJsonAsync($"/api/v1/worklog/{Monday}/entries", entry, Ct)).StatusCode);
        var noResult = await repair1.PostAsJsonAsync($"/api/v1/worklog/{Monday}/entries", new { process = "巡查", method = "步行" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noResult.StatusCode);
        Assert.True((await noResult.JsonAsync()).GetProperty("errors").TryGetProperty("result", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await repair1.PostAsJsonAsync($"/api/v1/worklog/{Monday}/close", new { satisfaction = 6 }, Ct)).StatusCode);
        Assert.Equal("future_day", await (await repair1.PostAsJsonAsync("/api/v1/worklog/2026-12-01/entries", entry, Ct)).CodeAsync());

        var closed = await repair1.PostAsJsonAsync($"/api/v1/worklog/{Monday}/close", new { satisfaction = 4, comment = "按时完成" }, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var day = await repair1.WorkLogAsync(Monday);
        Assert.True(day.GetProperty("closed").GetBoolean());
        Assert.Equal(4, day.GetProperty("satisfaction").GetInt32());
        Assert.Equal("检查E-10教学楼门窗", Assert.Single(day.GetProperty("entries").EnumerateArray()).GetProperty("process").GetString());

        var after = await repair1.PostAsJsonAsync($"/api/v1/worklog/{Monday}/entries", entry, Ct);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.Equal("day_closed", await after.CodeAsync());
        Assert.Equal("day_closed", await (await repair1.PostAsJsonAsync($"/api/v1/worklog/{Monday}/close", new { satisfaction = 5 }, Ct)).CodeAsync());
        Assert.Equal(4, (await repair1.WorkLogAsync(Monday)).GetProperty("satisfaction").GetInt32());
    }

    [Fact]
    public async Task The_team_leader_reviews_a_closed_day_and_the_author_reads_the_comment()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var leader = web.As("leader-repair");
        Assert.Equal(HttpStatusCode.OK, (await web.As("repair1").PostAsJsonAsync($"/api/v1/worklog/{Monday}/close", new { satisfaction = 5 }, Ct)).StatusCode);

        var team = await (await leader.GetAsync($"/api/v1/team-worklogs/{Monday}", Ct)).JsonAsync();
        var rows = team.EnumerateArray().ToDictionary(r => r.GetProperty("userName").GetString()!);
        Assert.True(rows["repair1"].GetProperty("closed").GetBoolean());
        Assert.False(rows["repair2"].GetProperty("closed").GetBoolean());
        Assert.False(rows.ContainsKey("water1"));

        var notClosed = await leader.PostAsJsonAsync($"/api/v1/team-worklogs/{Monday}/repair2/review", new { comment = "请补写" }, Ct);
        Assert.Equal("day_not_closed", await notClosed.CodeAsync());
        var otherTeam = await web.As("leader-water").PostAsJsonAsync($"/api/v1/team-worklogs/{Monday}/repair1/review", new { comment = "好" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await web.As("repair2").PostAsJsonAsync($"/api/v1/team-worklogs/{Monday}/repair1/review", new { comment = "好" }, Ct)).StatusCode);

        var reviewed = await leader.PostAsJsonAsync($"/api/v1/team-worklogs/{Monday}/repair1/review", new { comment = "记录完整，继续保持" }, Ct);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        var review = (await web.As("repair1").WorkLogAsync(Monday)).GetProperty("review");
        Assert.Equal("leader-repair", review.GetProperty("userName").GetString());
        Assert.Equal("记录完整，继续保持", review.GetProperty("comment").GetString());
    }
}
