using System.Net;
using AngleSharp.Dom;
using Houqin.Tests.DeskPages;
using Houqin.Tests.ServiceDesk.Feedback;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk.Board;

/// <summary>The leaders' board (/board) over HTTP: what each leader sees, the filters, the htmx refresh, who may open it.</summary>
public class BoardPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The request numbers a section of the board lists.</summary>
    internal static List<string> Numbers(IDocument page, string section) =>
        page.QuerySelectorAll($"#{section} li[data-number]").Select(li => li.GetAttribute("data-number")!).ToList();

    /// <summary>A water leak and a broken door lock reported at 10:00, neither acknowledged in 30 minutes: both overdue, each at its team's leader.</summary>
    private static async Task<(TestApp App, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Web, string Water, string Repair)> TwoOverdueAsync()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        var student = web.As("student");
        var water = await student.ReportAsync().CreatedAsync();
        var repair = await student.ReportAsync(category: "door-lock").CreatedAsync();
        await web.AdvanceAsync("PT31M");
        Assert.Equal(1, (await student.GetRequestAsync(water)).Level());
        return (app, web, water.Str("number"), repair.Str("number"));
    }

    [Fact]
    public async Task The_water_leader_sees_the_overdue_leak_with_the_missed_commitment_and_level_and_not_the_repair_teams_request()
    {
        var (app, web, water, repair) = await TwoOverdueAsync();
        await using var running = app;

        var (response, page) = await web.As("leader-water").GetPageAsync("/board");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([water], Numbers(page, "overdue"));
        var row = page.QuerySelector($"#overdue li[data-number='{water}']")!;
        Assert.Contains("应于 2026年11月30日 10:30 前受理", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("已升级至组长", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/requests/", row.QuerySelector("a.title")!.GetAttribute("href")![..10]);
        // The ladder made leader-water a co-owner: the leak is escalated to them too.
        Assert.Equal([water], Numbers(page, "escalated"));
        Assert.DoesNotContain(repair, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.Text("#overdue h2 .count").Trim('(', ')'));
        // A single team: no team filter to choose from.
        Assert.Null(page.QuerySelector("select[name=team]"));

        var (_, other) = await web.As("leader-repair").GetPageAsync("/board");
        Assert.Equal([repair], Numbers(other, "overdue"));
    }

    [Fact]
    public async Task The_deputy_sees_every_team_in_their_charge_and_the_filters_narrow_it_and_stay_in_the_refresh()
    {
        var (app, web, water, repair) = await TwoOverdueAsync();
        await using var running = app;
        var deputy = web.As("deputy");

        var (_, all) = await deputy.GetPageAsync("/board");
        Assert.Equal([water, repair], Numbers(all, "overdue"));
        Assert.Equal(["general", "hall", "property", "repair", "water"], all.QuerySelectorAll("select[name=team] option[value]:not([value=''])").Select(o => o.GetAttribute("value")));
        // Level 1 is the team leaders': nothing is escalated to the deputy yet.
        Assert.Empty(Numbers(all, "escalated"));

        var (_, byTeam) = await deputy.GetPageAsync("/board?team=repair");
        Assert.Equal([repair], Numbers(byTeam, "overdue"));
        Assert.Equal("repair", byTeam.QuerySelector("select[name=team] option[selected]")!.GetAttribute("value"));
        Assert.Equal("/board?handler=Sections&team=repair&period=2026-11", byTeam.QuerySelector("#board")!.GetAttribute("hx-get"));

        var (_, byCategory) = await deputy.GetPageAsync("/board?category=water");
        Assert.Equal([water], Numbers(byCategory, "overdue"));
        var (_, byUrgency) = await deputy.GetPageAsync("/board?urgency=Emergency");
        Assert.Empty(Numbers(byUrgency, "overdue"));

        // Another leader's team in the address is ignored: leader-water still sees only water.
        var (_, foreign) = await web.As("leader-water").GetPageAsync("/board?team=repair");
        Assert.Equal([water], Numbers(foreign, "overdue"));
    }

    [Fact]
    public async Task The_sections_alone_answer_htmx_with_the_same_filters_and_pick_up_a_newly_overdue_request()
    {
        var (app, web, water, repair) = await TwoOverdueAsync();
        await using var running = app;
        var director = web.As("director");
        director.DefaultRequestHeaders.Add("HX-Request", "true");

        var (response, fragment) = await director.GetPageAsync("/board?handler=Sections&team=water");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<div id=\"board\"", html.Trim(), StringComparison.Ordinal);
        Assert.Equal("every 30s", fragment.QuerySelector("#board")!.GetAttribute("hx-trigger"));
        Assert.Equal([water], Numbers(fragment, "overdue"));

        var late = await web.As("student").ReportAsync(urgency: "Urgent").CreatedAsync();
        var (_, before) = await director.GetPageAsync("/board?handler=Sections&team=water");
        Assert.DoesNotContain(late.Str("number"), Numbers(before, "overdue"));
        await web.AdvanceAsync("PT31M");
        var (_, after) = await director.GetPageAsync("/board?handler=Sections&team=water");
        Assert.Equal([water, late.Str("number")], Numbers(after, "overdue"));
        Assert.DoesNotContain(repair, Numbers(after, "overdue"));
    }

    [Fact]
    public async Task Ratings_complaints_and_bounces_of_the_month_show_on_the_teams_board()
    {
        var (app, web, r) = await FeedbackDesk.ConfirmedAsync();
        await using var running = app;
        var student = web.As("student");
        await FeedbackDesk.OkAsync(student.StepAsync(r, "rate", FeedbackDesk.Scores(2, 3, 2, 1, "来得太慢")));
        await FeedbackDesk.OkAsync(student.ComplainAsync(r, "water2"), HttpStatusCode.Created);
        var bounced = await student.ReportAsync().CreatedAsync();
        await web.As("water2").OkAsync(bounced, "handoff", new { toUserName = "repair1", reason = "需要木工" });
        var (_, waiting) = await web.As("leader-water").GetPageAsync("/board");
        Assert.Equal([bounced.Str("number")], Numbers(waiting, "pending"));
        Assert.Contains("转派给", waiting.Text("#pending li"), StringComparison.Ordinal);
        await web.As("repair1").OkAsync(bounced, "decline-handoff", new { reason = "不是木工活" });

        var (_, page) = await web.As("leader-water").GetPageAsync("/board");

        Assert.Equal("(1)", page.Text("#ratings h2 .count"));
        Assert.Equal(["2.0", "3.0", "2.0", "1.0"], page.QuerySelectorAll("#ratings dl.means dd").Select(d => d.TextContent));
        Assert.Equal([r.Str("number")], Numbers(page, "ratings"));
        Assert.Contains("来得太慢", page.Text("#ratings .lowest"), StringComparison.Ordinal);
        Assert.Equal([r.Str("number")], Numbers(page, "complaints"));
        Assert.Contains("推诿", page.Text("#complaints li"), StringComparison.Ordinal);
        Assert.Contains("前书面答复", page.Text("#complaints li"), StringComparison.Ordinal);
        Assert.Equal([bounced.Str("number")], Numbers(page, "bounces"));
        Assert.Contains("转派被退回 1 次", page.Text("#bounces li"), StringComparison.Ordinal);
        Assert.Empty(Numbers(page, "pending"));

        // Last month had none of it.
        var (_, october) = await web.As("leader-water").GetPageAsync("/board?period=2026-10");
        Assert.Equal("(0)", october.Text("#ratings h2 .count"));
        Assert.Empty(Numbers(october, "bounces"));
        // The repair team's board has none of the water team's feedback.
        var (_, repair) = await web.As("leader-repair").GetPageAsync("/board");
        Assert.Equal("(0)", repair.Text("#ratings h2 .count"));
        Assert.Empty(Numbers(repair, "complaints"));
    }

    [Theory]
    [InlineData("student")]
    [InlineData("water2")]
    [InlineData("auditor")]
    public async Task Staff_students_and_the_auditor_cannot_open_the_board(string user)
    {
        var (app, web, water, _) = await TwoOverdueAsync();
        await using var running = app;
        foreach (var path in new[] { "/board", "/board?handler=Sections" })
        {
            var response = await web.As(user).GetAsync(path, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.Found, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(water, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_board_speaks_English_with_the_en_US_culture()
    {
        var (app, web, water, _) = await TwoOverdueAsync();
        await using var running = app;
        var leader = web.As("leader-water");
        leader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var (_, page) = await leader.GetPageAsync("/board");

        Assert.Equal("en-US", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Team board", page.Text("h1"));
        var row = page.Text($"#overdue li[data-number='{water}']");
        Assert.Contains("Acknowledgement was due November 30, 2026 10:30", row, StringComparison.Ordinal);
        Assert.Contains("Escalated to the team leader", row, StringComparison.Ordinal);
        Assert.Contains("Water", row, StringComparison.Ordinal);
        Assert.Equal("November 2026", page.Text("select[name=period] option[selected]"));
    }
}
