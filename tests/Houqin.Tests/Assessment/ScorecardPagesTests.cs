using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Houqin.Tests.DeskPages;
using Houqin.Tests.ServiceDesk;
using Houqin.Tests.ServiceDesk.Feedback;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Assessment;

/// <summary>The scorecard pages over HTTP: the office's month and its ranking, a person's month, drilling down, the leader's rating, the sign-off.</summary>
public sealed class ScorecardPagesTests
{
    private const string November = "2026-11";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Bars(IDocument page, string chart) =>
        page.QuerySelectorAll($"#{chart} g.bar").ToDictionary(g => g.GetAttribute("data-key")!, g => g.QuerySelector(".bar-label")!.TextContent.Trim());

    private static List<string> People(IDocument page) => page.QuerySelectorAll("#people tr[data-user]").Select(tr => tr.GetAttribute("data-user")!).ToList();

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string form, Dictionary<string, string> fields)
    {
        var (_, doc) = await client.GetPageAsync(page);
        var action = doc.QuerySelector($"#{form}")?.GetAttribute("action") ?? throw new InvalidOperationException($"No #{form} on {page}");
        return await client.PostFormAsync(page, action, fields);
    }

    [Fact]
    public async Task The_director_sees_every_team_ranked_and_follows_a_team_to_its_people()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var director = web.As("director");

        var (response, page) = await director.GetPageAsync($"/scorecards?month={November}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var teams = Bars(page, "team-ranking");
        Assert.Equal(["general", "hall", "property", "repair", "water"], teams.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("水电组", teams["water"]);
        Assert.Equal("2026年11月各班组得分排名", page.Text("#team-ranking-title"));
        Assert.Contains("water2", People(page));
        Assert.Contains("repair1", People(page));
        Assert.Equal("本月尚未结束，各项数字随工作实时更新。", page.Text("#live"));
        // The month is under way: nothing to sign off yet.
        Assert.Null(page.QuerySelector("#sign-off"));

        var link = page.QuerySelector("#team-ranking g.bar[data-key=water]")!.ParentElement!.GetAttribute("href")!;
        var (_, team) = await director.GetPageAsync(link);
        Assert.Equal("water", team.QuerySelector("select[name=team] option[selected]")!.GetAttribute("value"));
        var people = Bars(team, "people-ranking");
        Assert.Equal("刘海", people["water2"]);
        Assert.Contains("leader-water", people.Keys);
        Assert.DoesNotContain("repair1", People(team));
        Assert.All(People(team), u => Assert.Contains(u, people.Keys));

        // The team's month exports as the page shows it: a workbook and a printable PDF.
        var exports = team.QuerySelectorAll("#exports a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal([$"/api/v1/scorecards/export.xlsx?month={November}&team=water", $"/api/v1/scorecards/export.pdf?month={November}&team=water"], exports);
        var workbook = await director.GetAsync(exports[0], Ct);
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Content.Headers.ContentType!.MediaType);

        // The team's own address leads to the same page.
        var byTeam = await director.GetAsync($"/scorecards/team/water/{November}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, byTeam.StatusCode);
        Assert.Equal($"/scorecards?month={November}&team=water", byTeam.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_member_of_staff_is_sent_to_their_own_card_and_nobody_elses_exists_for_them()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var water2 = web.As("water2");

        var month = await water2.GetAsync("/scorecards", Ct);
        Assert.Equal(HttpStatusCode.Redirect, month.StatusCode);
        Assert.Equal($"/scorecards/water2/{November}", month.Headers.Location!.OriginalString);

        var (own, page) = await water2.GetPageAsync($"/scorecards/water2/{November}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.StartsWith("刘海", page.Text("h1"), StringComparison.Ordinal);
        Assert.Equal("水电组", page.Text("#summary .teams"));
        Assert.NotNull(page.QuerySelector("#trend-chart"));
        Assert.Equal(6, page.QuerySelectorAll("#trend-chart g.month").Length);
        // Nobody rates their own month.
        Assert.Null(page.QuerySelector("#rate-form"));

        Assert.Equal(HttpStatusCode.NotFound, (await water2.GetAsync($"/scorecards/water1/{November}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await water2.GetAsync($"/scorecards/water1/{November}/ratings.count", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await water2.GetAsync($"/scorecards/leader-water/{November}", Ct)).StatusCode);
        // A leader reads their team's cards, not another team's.
        Assert.Equal(HttpStatusCode.OK, (await web.As("leader-water").GetAsync($"/scorecards/water2/{November}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("leader-water").GetAsync($"/scorecards/repair1/{November}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_rating_drills_down_to_the_request_behind_it_and_shows_in_the_charts()
    {
        var (app, web, r) = await FeedbackDesk.ConfirmedAsync();
        await using var running = app;
        await FeedbackDesk.OkAsync(web.As("student").StepAsync(r, "rate", FeedbackDesk.Scores(timeliness: 4, quality: 5, attitude: 5, satisfaction: 3)));
        var leader = web.As("leader-water");

        var (_, card) = await leader.GetPageAsync($"/scorecards/water2/{November}");

        Assert.Equal("4.00", card.QuerySelector("#ratings-chart g.bar[data-key='ratings.timeliness.mean']")!.GetAttribute("data-value"));
        Assert.Equal("3.00", card.Text("#figures tr[data-key='ratings.satisfaction.mean'] .value"));
        Assert.Equal("1", card.Text("#figures tr[data-key='ratings.count'] .count"));
        // This month's point on the trend is the last one.
        Assert.Single(card.QuerySelectorAll("#trend-chart g.s-timeliness circle"));
        var drill = card.QuerySelector("#figures tr[data-key='ratings.count'] a.drill")!.GetAttribute("href")!;
        Assert.Equal($"/scorecards/water2/{November}/ratings.count", drill);

        var (response, list) = await leader.GetPageAsync(drill);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(list.QuerySelectorAll("#requests tr[data-number]"));
        Assert.Equal(r.Str("number"), row.GetAttribute("data-number"));
        Assert.Equal($"/requests/{r.Id()}", row.QuerySelector("a")!.GetAttribute("href"));
        // A figure with no requests behind it has no list.
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/scorecards/water2/{November}/score", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_leader_rates_the_month_a_bad_rating_is_refused_in_the_users_language_and_after_the_sign_off_nothing_changes()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var leader = web.As("leader-water");
        var card = $"/scorecards/water2/{November}";

        var bad = await SubmitAsync(leader, card, "rate-form", new() { ["Rating"] = "9", ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("请选择1到5分的评分。", (await Forms.ParseAsync(bad)).Errors(), StringComparison.Ordinal);
        var english = web.As("leader-water");
        english.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        var badEnglish = await SubmitAsync(english, card, "rate-form", new() { ["Rating"] = "0" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badEnglish.StatusCode);
        Assert.Contains("Choose a rating from 1 to 5.", (await Forms.ParseAsync(badEnglish)).Errors(), StringComparison.Ordinal);

        var saved = await SubmitAsync(leader, card, "rate-form", new() { ["Rating"] = "4", ["Comment"] = "到场及时，态度好" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, page) = await leader.GetPageAsync(card);
        Assert.Equal("4分", page.Text("#leader-rating .stars-given"));
        Assert.Equal("到场及时，态度好", page.Text("#leader-rating .comment"));
        Assert.Equal("4", page.Text("#figures tr[data-key=leaderRating] .value"));
        Assert.Equal("4", page.QuerySelector("#rate-form input[name=Rating][checked]")!.GetAttribute("value"));
        // The person reads it on their own card.
        var (_, own) = await web.As("water2").GetPageAsync(card);
        Assert.Equal("到场及时，态度好", own.Text("#leader-rating .comment"));

        // Once November is over the director signs it off; then the rating stands.
        await web.AdvanceAsync("P1D");
        var director = web.As("director");
        var (_, month) = await director.GetPageAsync($"/scorecards?month={November}");
        Assert.NotNull(month.QuerySelector("#sign-off"));
        // The forms are gone once the month is signed off; a stale page still posts them.
        var signOff = month.QuerySelector("#sign-off")!.GetAttribute("action")!;
        var token = month.QuerySelector("#sign-off input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var rate = (await director.GetPageAsync(card)).Page.QuerySelector("#rate-form")!.GetAttribute("action")!;
        Assert.Null((await web.As("deputy").GetPageAsync($"/scorecards?month={November}")).Page.QuerySelector("#sign-off"));
        var signed = await SubmitAsync(director, $"/scorecards?month={November}", "sign-off", new());
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var (_, after) = await director.GetPageAsync($"/scorecards?month={November}");
        Assert.StartsWith("已签发", after.Text("#signed-off"), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#sign-off"));

        var (_, frozen) = await leader.GetPageAsync(card);
        Assert.StartsWith("已签发", frozen.Text("#signed-off"), StringComparison.Ordinal);
        Assert.Null(frozen.QuerySelector("#rate-form"));
        var again = await director.PostAsync(rate, new FormUrlEncodedContent(new Dictionary<string, string> { ["Rating"] = "2", ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("本月考核已签发，不能再修改。", (await Forms.ParseAsync(again)).Text("#problem"));
        var twice = await director.PostAsync(signOff, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("本月考核已签发，不能再修改。", (await Forms.ParseAsync(twice)).Text("#problem"));
        Assert.Equal("4", (await leader.GetPageAsync(card)).Page.Text("#figures tr[data-key=leaderRating] .value"));
    }
}
