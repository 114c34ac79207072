using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>The escalation ladder on the working clock of 2026: make-up working days count, weekends and the Spring Festival do not.</summary>
public class LadderTests
{
    [Fact]
    public async Task An_unacknowledged_request_climbs_every_rung_across_a_make_up_day_and_a_weekend_and_stops_at_the_director()
    {
        // Saturday 2026-02-28 is a make-up working day (调休); Sunday 03-01 is not.
        var (app, web) = await StartAsync(Beijing(2, 28, 16, 0));
        await using var running = app;
        // water1 works in the water team, so keeps the call they log: nobody of the ladder is on it yet (ADR 0022).
        var water1 = web.As("water1");
        var r = await water1.LogCallAsync();
        Assert.Equal(Beijing(2, 28, 16, 30), r.Instant("acknowledgeBy"));

        await web.AdvanceAsync("PT29M59S");
        Assert.Equal(0, (await water1.GetRequestAsync(r)).Level());

        // Rung 1, the water team's leader, at the acknowledgement commitment.
        await web.AdvanceAsync("PT1S");
        var one = await water1.GetRequestAsync(r);
        Assert.True(one.IsOverdue());
        Assert.Equal(1, one.Level());
        Assert.Equal(["leader-water"], one.CoOwners());
        Assert.Equal("water1", one.Str("firstContactOwner", "userName"));
        Assert.Equal("water1", one.Str("handler", "userName"));
        Assert.Equal("Acknowledgement", one.Str("ladderWaitingFor"));

        // Rung 1 has 30 working minutes: until 17:00 on the make-up Saturday.
        await web.AdvanceAsync("PT29M59S");
        Assert.Equal(1, (await water1.GetRequestAsync(r)).Level());
        await web.AdvanceAsync("PT1S");
        var two = await water1.GetRequestAsync(r);
        Assert.Equal(2, two.Level());
        Assert.Equal(["leader-water", "deputy"], two.CoOwners());

        // Rung 2's 30 working minutes start at 17:00 on Saturday: Sunday is off, so they end Monday 03-02 08:30.
        await web.AdvanceAsync("PT15H30M");
        Assert.Equal(2, (await water1.GetRequestAsync(r)).Level()); // Sunday 08:30: not a working minute yet
        await web.AdvanceAsync("PT23H59M59S");
        Assert.Equal(2, (await water1.GetRequestAsync(r)).Level());
        await web.AdvanceAsync("PT1S");
        var three = await water1.GetRequestAsync(r);
        Assert.Equal(3, three.Level());
        Assert.Equal(["leader-water", "deputy", "director"], three.CoOwners());

        // The director is the top: later misses (arrival, resolution) flag it but never climb or loop.
        await web.AdvanceAsync("P10D");
        var top = await water1.GetRequestAsync(r);
        Assert.Equal(3, top.Level());
        Assert.True(top.IsOverdue());
        Assert.Equal(["leader-water", "deputy", "director"], top.CoOwners());
        var timeline = top.Timeline();
        Assert.Equal(3, timeline.Count(t => t.Action == "service_request.escalated"));
        Assert.All(timeline.Where(t => t.Action is "service_request.escalated" or "service_request.overdue"), t => Assert.Equal("system", t.Actor));
        Assert.Equal(
            ["acknowledge_overdue", "not_acted_on", "not_acted_on"],
            top.GetProperty("timeline").EnumerateArray().Where(t => t.Str("action") == "service_request.escalated").Select(t => t.Str("note"))
        );
        Assert.Equal(
            ["acknowledge", "arrive", "resolve"],
            top.GetProperty("timeline").EnumerateArray().Where(t => t.Str("action") == "service_request.overdue").Select(t => t.Str("note"))
        );

        // The director, now a co-owner, can act on it.
        Assert.Equal("Acknowledged", (await web.As("director").OkAsync(r, "acknowledge")).Str("status"));
    }

    [Fact]
    public async Task A_request_made_on_friday_before_the_spring_festival_is_due_on_the_make_up_saturday_and_the_ladder_stops_once_acknowledged()
    {
        // Friday 2026-02-13 16:50: ten working minutes left; Saturday 02-14 is a make-up working day; 02-15 to 02-23 are off.
        var (app, web) = await StartAsync(Beijing(2, 13, 16, 50));
        await using var running = app;
        // water1 works in the water team, so keeps the call they log: nobody of the ladder is on it yet (ADR 0022).
        var water1 = web.As("water1");
        var r = await water1.LogCallAsync();
        Assert.Equal(Beijing(2, 14, 8, 20), r.Instant("acknowledgeBy"));
        // 10 min Friday + 450 on the make-up Saturday + 450 on Tuesday 02-24 + 440 on Wednesday 02-25.
        Assert.Equal(Beijing(2, 25, 16, 50), r.Instant("resolveBy"));

        await web.AdvanceAsync("PT15H30M"); // Saturday 08:20
        var one = await water1.GetRequestAsync(r);
        Assert.Equal(1, one.Level());
        Assert.Equal(["leader-water"], one.CoOwners());

        // The leader acts on it (acknowledges) within the rung's time: the ladder has what it waited for.
        await web.AdvanceAsync("PT10M");
        await web.As("leader-water").OkAsync(r, "acknowledge");
        await web.AdvanceAsync("PT2H");
        var settled = await water1.GetRequestAsync(r);
        Assert.Equal(1, settled.Level());
        Assert.Equal("None", settled.Str("ladderWaitingFor"));
        Assert.Equal(1, settled.Timeline().Count(t => t.Action == "service_request.escalated"));
    }

    [Fact]
    public async Task Staff_escalate_by_hand_one_rung_at_a_time_up_to_the_director()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();

        await student.RefusedAsync(r, "escalate", new { reason = "没人来" }, HttpStatusCode.Forbidden, "not_allowed");
        await water2.RefusedAsync(r, "escalate", new { }, HttpStatusCode.UnprocessableEntity, "reason");
        var one = await water2.OkAsync(r, "escalate", new { reason = "联系不上水电工" });
        Assert.Equal(1, one.Level());
        Assert.Equal(["leader-water"], one.CoOwners());
        Assert.Equal(2, (await water2.OkAsync(r, "escalate", new { reason = "组长也联系不上" })).Level());
        var three = await water2.OkAsync(r, "escalate", new { reason = "需要主任协调" });
        Assert.Equal(["leader-water", "deputy", "director"], three.CoOwners());
        await water2.RefusedAsync(r, "escalate", new { reason = "再升" }, HttpStatusCode.Conflict, "ladder_top");

        var timeline = (await student.GetRequestAsync(r)).GetProperty("timeline").EnumerateArray().Where(t => t.Str("action") == "service_request.escalated").ToList();
        Assert.Equal(["联系不上水电工", "组长也联系不上", "需要主任协调"], timeline.Select(t => t.Str("note")));
        Assert.All(timeline, t => Assert.Equal("water2", t.Str("actor")));
    }

    [Fact]
    public async Task A_rung_whose_person_already_owns_the_request_is_passed_and_the_next_one_is_added()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var leader = web.As("leader-water");
        var r = await leader.LogCallAsync();

        // The leader owns it: escalating to himself would tell nobody, so it goes to the deputy director at once (ADR 0031).
        var two = await leader.OkAsync(r, "escalate", new { reason = "需要分管主任知道" });
        Assert.Equal(2, two.Level());
        Assert.Equal(["deputy"], two.CoOwners());
        var three = await leader.OkAsync(r, "escalate", new { reason = "再往上" });
        Assert.Equal(3, three.Level());
        Assert.Equal(["deputy", "director"], three.CoOwners());
        await leader.RefusedAsync(r, "escalate", new { reason = "再升" }, HttpStatusCode.Conflict, "ladder_top");
    }

    /// <summary>Monday 11-30 10:00: the student's report, which water2 (its owner) handed to the water team's leader, who took it on.</summary>
    private static async Task<(TestApp, WebApplicationFactory<Program>, HttpClient, HttpClient, JsonElement)> LeaderHandlesAsync()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        var (water2, leader) = (web.As("water2"), web.As("leader-water"));
        var r = await web.As("student").ReportAsync().CreatedAsync();
        await water2.OkAsync(r, "handoff", new { toUserName = "leader-water", reason = "需要组长处理" });
        await leader.OkAsync(r, "accept-handoff");
        return (app, web, water2, leader, r);
    }

    [Fact]
    public async Task A_team_leader_handling_a_request_escalates_by_hand_to_the_deputy_director_who_is_told()
    {
        var (app, web, water2, leader, r) = await LeaderHandlesAsync();
        await using var running = app;

        var escalated = await leader.OkAsync(r, "escalate", new { reason = "需要分管主任协调" });
        Assert.Equal(2, escalated.Level());
        Assert.Equal(["deputy"], escalated.CoOwners());
        Assert.Contains(await web.As("deputy").NoticesAsync(), n => n.Kind == "service_request.escalated");
        var one = Assert.Single(escalated.GetProperty("timeline").EnumerateArray(), t => t.Str("action") == "service_request.escalated");
        Assert.Equal("leader-water", one.Str("actor"));
    }

    [Fact]
    public async Task A_missed_commitment_of_a_request_the_team_leader_handles_goes_straight_to_the_deputy_director()
    {
        var (app, web, water2, leader, r) = await LeaderHandlesAsync();
        await using var running = app;
        await leader.OkAsync(r, "arrive");

        await web.AdvanceAsync(System.Xml.XmlConvert.ToString(r.Instant("resolveBy") - Beijing(11, 30, 10, 0)));
        var missed = await water2.GetRequestAsync(r);
        Assert.True(missed.IsOverdue());
        Assert.Equal(2, missed.Level());
        Assert.Equal(["deputy"], missed.CoOwners());
        Assert.Contains(await web.As("deputy").NoticesAsync(), n => n.Kind == "service_request.escalated");

        // The deputy's own rung time passes unacted: the director, and there it stops.
        await web.AdvanceAsync("PT30M");
        var top = await water2.GetRequestAsync(r);
        Assert.Equal(3, top.Level());
        Assert.Equal(["deputy", "director"], top.CoOwners());
        await web.AdvanceAsync("P5D");
        Assert.Equal(2, (await water2.GetRequestAsync(r)).Timeline().Count(t => t.Action == "service_request.escalated"));
    }

    [Fact]
    public async Task A_hand_off_the_team_leader_leaves_unanswered_climbs_past_him_to_the_deputy_director()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();
        await water2.OkAsync(r, "handoff", new { toUserName = "leader-water", reason = "需要组长处理" });

        await web.AdvanceAsync("PT10M");
        var missed = await water2.GetRequestAsync(r);
        Assert.Equal(2, missed.Level());
        Assert.Equal(["deputy"], missed.CoOwners());
        Assert.Equal("leader-water", missed.Str("handOff", "to", "userName"));
    }
}
