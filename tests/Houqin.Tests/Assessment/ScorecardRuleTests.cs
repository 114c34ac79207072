using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Features.Accountability;
using Houqin.Infrastructure.Audit;
using Houqin.Tests.Procedures;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.Assessment;

/// <summary>Who sees and rates a scorecard, the director's sign-off, and the procedure's weights.</summary>
public sealed class ScorecardRuleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string November = "2026-11";
    private const string December = "2026-12";

    [Fact]
    public async Task A_person_sees_their_own_card_a_leader_their_teams_the_deputy_director_and_auditor_everyones_and_nobody_else_any()
    {
        var (app, web) = await StartAsync();
        await using var running = app;

        var seen = new Dictionary<string, string[]>
        {
            ["water2"] = ["water2"],
            ["repair1"] = ["repair1"],
            ["leader-water"] = ["leader-water", "water1", "water2"],
            ["leader-repair"] = ["leader-repair", "repair1", "repair2"],
            ["deputy"] = ["water2", "repair1", "frontdesk", "leader-water", "deputy", "director"],
            ["director"] = ["water2", "repair1", "frontdesk", "leader-water", "deputy", "director"],
            ["auditor"] = ["water2", "repair1", "frontdesk", "leader-water", "director"],
        };
        var everyone = new[] { "water1", "water2", "repair1", "repair2", "frontdesk", "leader-water", "leader-repair", "property1" };
        foreach (var (viewer, mine) in seen)
        {
            var client = web.As(viewer);
            foreach (var who in everyone.Concat(mine).Distinct())
            {
                var expected = mine.Contains(who) || viewer is "deputy" or "director" or "auditor" ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                Assert.True((await client.CardAsync(who, November)).StatusCode == expected, $"{viewer} reading {who}: expected {expected}");
            }
        }
        foreach (var outsider in new[] { "student", "teacher", "supplier1" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await web.As(outsider).CardAsync(outsider, November)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await web.As(outsider).GetAsync($"/api/v1/scorecards?month={November}", Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("director").CardAsync("nobody", November)).StatusCode);
        // Only the office's own people are assessed: not a requester, nor the auditor (who is not of the office).
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("director").CardAsync("student", November)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("director").CardAsync("auditor", November)).StatusCode);

        // The month's list shows the same people: oneself, one's teams, or everyone with the office's month.
        static List<string> People(JsonElement month) => [.. month.GetProperty("people").EnumerateArray().Select(p => p.Str("userName")).Order()];
        static List<string> Teams(JsonElement month) => [.. month.GetProperty("teams").EnumerateArray().Select(p => p.Str("code")).Order()];
        var own = await web.As("water2").MonthAsync(November);
        Assert.Equal(["water2"], People(own));
        Assert.Empty(Teams(own));
        Assert.Equal(JsonValueKind.Null, own.GetProperty("office").ValueKind);
        var water = await web.As("leader-water").MonthAsync(November);
        Assert.Equal(["leader-water", "water1", "water2"], People(water));
        Assert.Equal(["water"], Teams(water));
        Assert.Empty(People(await web.As("leader-water").MonthAsync(November, "repair")));
        var all = await web.As("auditor").MonthAsync(November);
        Assert.Superset(new HashSet<string>(everyone.Append("director").Append("deputy")), new HashSet<string>(People(all)));
        Assert.Equal(["general", "hall", "property", "repair", "water"], Teams(all));
        Assert.Equal(People(all).Count, all.GetProperty("office").GetProperty("members").GetInt32());
        Assert.Equal(["repair1", "repair2", "leader-repair"], People(await web.As("director").MonthAsync(November, "repair")).OrderBy(p => p.StartsWith("leader", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Only_the_persons_team_leader_or_the_director_rates_the_month_from_1_to_5_and_it_counts_by_its_weight()
    {
        // Tuesday 12-01: repair1 ticks the tools check and misses the ledger; that is all the month has measured.
        var (app, web) = await StartAsync(Beijing(12, 1, 9, 0));
        await using var running = app;
        await web.AdvanceAsync("PT0S");
        var repair1 = web.As("repair1");
        var list = await repair1.ChecklistAsync("repair-duty");
        Assert.Equal(HttpStatusCode.OK, (await repair1.TickAsync(list, list.Item("检查维修工具与备件"))).StatusCode);
        await web.AdvanceAsync("PT8H31M");
        Assert.Equal(50m, (await repair1.SeeCardAsync("repair1", December)).Score());

        var leader = web.As("leader-repair");
        await Rules.RefusedAsync(web.As("leader-water").RateMonthAsync("repair1", December, 5), HttpStatusCode.Forbidden, "not_allowed");
        await Rules.RefusedAsync(web.As("deputy").RateMonthAsync("repair1", December, 5), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Equal(HttpStatusCode.Forbidden, (await repair1.RateMonthAsync("repair2", December, 5)).StatusCode);
        await Rules.RefusedAsync(leader.RateMonthAsync("leader-repair", December, 5), HttpStatusCode.Forbidden, "not_allowed");
        foreach (var bad in new int?[] { 0, 6, null })
        {
            await Rules.RefusedAsync(leader.RateMonthAsync("repair1", December, bad), HttpStatusCode.UnprocessableEntity, "rating");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await leader.RateMonthAsync("nobody", December, 5)).StatusCode);
        var unrated = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal(JsonValueKind.Null, unrated.GetProperty("leaderRating").ValueKind);
        Assert.Equal((50m, (decimal?)null), (unrated.Score()!.Value, unrated.Value("leaderRating")));

        // Checklists and the leader's rating weigh 15 each: half done and a 5 make 75; a 1 makes 35.
        var five = await leader.RateMonthAsync("repair1", December, 5, "工作认真").ExpectAsync();
        Assert.Equal((5m, 75m), (five.Value("leaderRating")!.Value, five.Score()!.Value));
        Assert.Equal("工作认真", five.Str("leaderRating", "comment"));
        var one = await leader.RateMonthAsync("repair1", December, 1).ExpectAsync();
        Assert.Equal(35m, one.Score());
        var director = await web.As("director").RateMonthAsync("repair1", December, 3).ExpectAsync();
        Assert.Equal(55m, director.Score());
        Assert.Equal(55m, (await repair1.SeeCardAsync("repair1", December)).Score());
        var rated = await web.RowsAsync(db => db.Set<AuditEvent>().Where(e => e.Action == "scorecard.leader_rated").OrderBy(e => e.Sequence).Select(e => e.Actor).ToListAsync(Ct));
        Assert.Equal(["leader-repair", "leader-repair", "director"], rated);
    }

    [Fact]
    public async Task The_director_signs_off_a_month_once_it_is_over_and_its_cards_never_change_after()
    {
        // Monday 11-30 10:00: water2 is complained about (upheld) and rated by the leader.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, director, water2) = (web.As("student"), web.As("director"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();
        var complaint = await OkAsync(student.ComplainAsync(r, "water2"), HttpStatusCode.Created);
        await OkAsync(web.As("deputy").PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer = "属实。", upheld = true }, Ct));
        await web.As("leader-water").RateMonthAsync("water2", November, 4).ExpectAsync();
        await Rules.RefusedAsync(director.SignOffAsync(November), HttpStatusCode.Conflict, "month_not_over");

        await web.AdvanceAsync("P1D"); // Tuesday 12-01 10:00
        await Rules.RefusedAsync(director.SignOffAsync(December), HttpStatusCode.Conflict, "month_not_over");
        Assert.Equal(HttpStatusCode.Forbidden, (await web.As("deputy").SignOffAsync(November)).StatusCode);
        var live = await director.SeeCardAsync("water2", November);
        Assert.Equal(1, live.Value("complaints.upheld"));

        var month = await director.SignOffAsync(November).ExpectAsync();
        Assert.True(month.GetProperty("signedOff").GetBoolean());
        Assert.Equal(1, month.GetProperty("policyVersion").GetInt32());
        var signed = await director.SeeCardAsync("water2", November);
        Assert.True(signed.GetProperty("signedOff").GetBoolean());
        AssertSameCard(live, signed);
        var events = await web.RowsAsync(db => db.Set<AuditEvent>().Where(e => e.Action == "scorecard.month_signed_off").Select(e => e.SubjectId).ToListAsync(Ct));
        Assert.Equal([November], events);

        // Nothing changes it now: a second sign-off, a new rating...
        await Rules.RefusedAsync(director.SignOffAsync(November), HttpStatusCode.Conflict, "month_signed_off");
        await Rules.RefusedAsync(web.As("leader-water").RateMonthAsync("water2", November, 1), HttpStatusCode.Conflict, "month_signed_off");
        await Rules.RefusedAsync(director.RateMonthAsync("water2", November, 1), HttpStatusCode.Conflict, "month_signed_off");
        // ...nor new facts about November: the complaint's case dismissed, the day's work log closed late.
        var c = Assert.Single((await director.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct)).EnumerateArray());
        await web.DecideCaseAsync(c, "water2", Cards.Dismissed);
        Assert.Equal(CaseDecision.Dismissed, await web.RowsAsync(db => db.Set<AccountabilityCase>().Select(k => k.Decision).SingleAsync(Ct)));
        Assert.Equal(HttpStatusCode.OK, (await water2.PostAsJsonAsync("/api/v1/worklog/2026-11-30/close", new { satisfaction = 5 }, Ct)).StatusCode);

        var after = await director.SeeCardAsync("water2", November);
        AssertSameCard(signed, after);
        Assert.Equal(1, after.Value("complaints.upheld"));
        Assert.Equal(0, after.Value("worklog.daysClosed"));
        Assert.Equal(4, after.Value("leaderRating"));
        var listed = Assert.Single((await director.MonthAsync(November)).GetProperty("people").EnumerateArray(), p => p.Str("userName") == "water2");
        AssertSameCard(signed, listed);
        // December, not signed, sees the day closed in it and has no complaint from November.
        Assert.Equal(0, (await director.SeeCardAsync("water2", December)).Value("complaints.upheld"));
    }

    [Fact]
    public async Task The_weights_are_those_of_the_procedure_in_force_and_a_past_month_keeps_those_of_its_end()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();
        var (director, leader) = (web.As("director"), web.As("leader-repair"));
        // Version 2 triples the leader's rating's weight and doubles the deduction per upheld complaint.
        await director.SetParameterAsync(id, 2, "assessment.weight.leaderRating", 45).ExpectAsync();
        await director.SetParameterAsync(id, 2, "assessment.deduction.upheldComplaint", 10).ExpectAsync();
        await leader.RateMonthAsync("repair1", November, 5).ExpectAsync();
        await web.SubmitVersion2Async(id); // to Monday 12-14 09:00
        await leader.RateMonthAsync("repair1", December, 5).ExpectAsync();
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var complaint = await OkAsync(student.ComplainAsync(r, "repair1"), HttpStatusCode.Created);
        await OkAsync(web.As("deputy").PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer = "属实。", upheld = true }, Ct));

        var v1 = new Cards.Weights();
        var before = await director.SeeCardAsync("repair1", December);
        Assert.Equal(Cards.ExpectedScore(before, v1), before.Score());
        Assert.Equal(1, before.Value("complaints.upheld"));

        await web.As("principal-office").ApproveAsync(id, 2, Beijing(12, 15, 9, 0), "2026-12-14").ExpectAsync();
        await web.AdvanceAsync("P1D"); // Tuesday 12-15 09:00: version 2 in force

        var v2 = v1 with { LeaderRating = 45, UpheldComplaint = 10 };
        var after = await director.SeeCardAsync("repair1", December);
        Assert.Equal(Cards.ExpectedScore(after, v2), after.Score());
        Assert.NotEqual(Cards.ExpectedScore(after, v1), after.Score());
        // November ended under version 1 and is still weighed by it.
        var november = await director.SeeCardAsync("repair1", November);
        Assert.Equal(Cards.ExpectedScore(november, v1), november.Score());
        Assert.NotEqual(Cards.ExpectedScore(november, v2), november.Score());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("november")]
    [InlineData("2026-11-01")]
    public async Task A_month_that_is_not_yyyy_MM_is_named_in_a_422(string month)
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var director = web.As("director");
        await Rules.RefusedAsync(director.GetAsync($"/api/v1/scorecards?month={month}", Ct), HttpStatusCode.UnprocessableEntity, "month");
        await Rules.RefusedAsync(director.CardAsync("water2", month), HttpStatusCode.UnprocessableEntity, "month");
        await Rules.RefusedAsync(web.As("leader-water").RateMonthAsync("water2", month, 4), HttpStatusCode.UnprocessableEntity, "month");
        await Rules.RefusedAsync(director.SignOffAsync(month), HttpStatusCode.UnprocessableEntity, "month");
        await Rules.RefusedAsync(director.GetAsync("/api/v1/scorecards", Ct), HttpStatusCode.UnprocessableEntity, "month");
        Assert.Empty(await web.RowsAsync(db => db.Set<Houqin.Features.Assessment.LeaderRating>().ToListAsync(Ct)));
    }

    /// <summary>The same numbers: every figure's value and count, the score, the grade, the reward.</summary>
    private static void AssertSameCard(JsonElement expected, JsonElement actual)
    {
        static List<(string, string, int)> Numbers(JsonElement card) =>
            [.. card.GetProperty("figures").EnumerateArray().Select(f => (f.Str("key"), f.GetProperty("value").GetRawText(), f.GetProperty("count").GetInt32()))];
        Assert.Equal(Numbers(expected), Numbers(actual));
        Assert.Equal((expected.Score(), expected.Str("grade"), expected.GetProperty("reward").GetDecimal()), (actual.Score(), actual.Str("grade"), actual.GetProperty("reward").GetDecimal()));
    }
}
