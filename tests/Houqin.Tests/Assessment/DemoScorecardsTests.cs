using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Tests.ServiceDesk;
using Houqin.Tests.ServiceDesk.Demo;

namespace Houqin.Tests.Assessment;

/// <summary>The demo's months: the month before last signed off by the director, last month live with the leaders' ratings.</summary>
public sealed class DemoScorecardsTests(HistoryHost host) : IClassFixture<HistoryHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_newcomer_finds_a_signed_month_and_a_live_one_with_every_team_ranked()
    {
        var web = host.Web;
        var director = web.As("director");

        var september = await (await director.GetAsync("/api/v1/scorecards?month=2026-09", Ct)).JsonAsync();
        Assert.True(september.GetProperty("signedOff").GetBoolean());
        var october = await (await director.GetAsync("/api/v1/scorecards?month=2026-10", Ct)).JsonAsync();
        Assert.False(october.GetProperty("signedOff").GetBoolean());

        var teams = october.GetProperty("teams").EnumerateArray().ToList();
        Assert.True(teams.Count >= 3);
        Assert.All(teams, t => Assert.Equal(JsonValueKind.Number, t.GetProperty("score").ValueKind));
        var people = october.GetProperty("people").EnumerateArray().ToList();
        var water2 = people.Single(p => p.GetProperty("userName").GetString() == "water2");
        Assert.Equal(JsonValueKind.Object, water2.GetProperty("leaderRating").ValueKind);
        Assert.True(Figure(water2, "ratings.count").GetProperty("value").GetDecimal() > 0);
        Assert.True(Figure(water2, "commitments.resolve.keptRate").GetProperty("count").GetInt32() > 0);

        // The signed month is what the card says from now on: the leader can no longer rate it.
        var rating = await web.As("leader-water").PutAsJsonAsync("/api/v1/scorecards/water2/2026-09/leader-rating", new { rating = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, rating.StatusCode);
        Assert.Equal("month_signed_off", await rating.CodeAsync());
    }

    private static JsonElement Figure(JsonElement card, string key) =>
        card.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key);
}
