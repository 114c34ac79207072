using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Features.Accountability;
using Houqin.Features.Assessment;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task Each_seeded_arrival_names_who_came_and_each_late_or_missed_one_whose_it_was_when_it_fell_due()
    {
        await using var scope = host.Scope(out var db);
        var requests = await db.Set<ServiceRequest>()
            .AsNoTracking()
            .Select(r => new { r.Number, r.ArriveBy, r.ArrivedAt, r.ArrivedById, r.ArriveMissedById })
            .ToListAsync(Ct);
        Assert.All(requests, r => Assert.True(r.ArrivedAt is null == r.ArrivedById is null, r.Number));
        Assert.All(requests.Where(r => r.ArrivedAt <= r.ArriveBy), r => Assert.True(r.ArriveMissedById is null, r.Number));
        Assert.All(requests.Where(r => r.ArrivedAt > r.ArriveBy), r => Assert.True(r.ArriveMissedById is not null, r.Number));
        Assert.Contains(requests, r => r.ArrivedById is not null);
        Assert.Contains(requests, r => r.ArriveMissedById is not null);
    }

    [Fact]
    public async Task The_upheld_buck_passing_complaint_became_a_decided_case_that_counts_on_the_repairers_card()
    {
        await using var scope = host.Scope(out var db);
        var kase = await db.Set<AccountabilityCase>().SingleAsync(c => c.Origin == CaseOrigin.Complaint, Ct);
        Assert.Equal(CaseStatus.Decided, kase.Status);
        Assert.Equal(Sanction.Warning, kase.Sanction);
        var accused = Assert.Single(kase.Accused).UserId;
        var userName = await db.Users.Where(u => u.Id == accused).Select(u => u.UserName).SingleAsync(Ct);
        Assert.NotEqual(kase.InvestigatorId, accused);
        var month = AssessmentMonth.Of(kase.DecidedAt!.Value).ToString();

        var card = await (await host.Web.As("auditor").GetAsync($"/api/v1/scorecards/{userName}/{month}", Ct)).JsonAsync();
        Assert.Equal(kase.PenaltyPoints, Figure(card, "cases.penaltyPoints").GetProperty("value").GetInt32());
        Assert.True(kase.PenaltyPoints > 0);
        var complaint = await db.Set<Complaint>().SingleAsync(k => k.Id == kase.ComplaintId, Ct);
        var upheldMonth = AssessmentMonth.Of(complaint.AnsweredAt!.Value).ToString();
        var then = await (await host.Web.As("auditor").GetAsync($"/api/v1/scorecards/{userName}/{upheldMonth}", Ct)).JsonAsync();
        var upheld = Figure(then, "complaints.upheld");
        Assert.Equal(1, upheld.GetProperty("value").GetInt32());
        Assert.Equal(complaint.RequestId, Assert.Single(upheld.GetProperty("requestIds").EnumerateArray()).GetGuid());
    }

    private static JsonElement Figure(JsonElement card, string key) =>
        card.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key);
}
