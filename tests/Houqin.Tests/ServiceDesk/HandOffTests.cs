using System.Net;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>No refusal: a hand-off goes to a named person or a post, must be accepted in time, and a decline comes back counted.</summary>
public class HandOffTests
{
    [Fact]
    public async Task A_hand_off_accepted_by_its_receiver_makes_them_the_handler_while_the_owner_stays()
    {
        // Monday 11-30 10:00: water2 is on duty and owns the student's report.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair1) = (web.As("student"), web.As("water2"), web.As("repair1"));
        var r = await student.ReportAsync().CreatedAsync();

        await student.RefusedAsync(r, "handoff", new { toUserName = "repair1", reason = "木工活" }, HttpStatusCode.Forbidden, "not_allowed");
        await water2.RefusedAsync(r, "handoff", new { toUserName = "repair1" }, HttpStatusCode.UnprocessableEntity, "reason");
        await water2.RefusedAsync(r, "handoff", new { toUserName = "nobody", reason = "x" }, HttpStatusCode.UnprocessableEntity, "toUserName");
        await water2.RefusedAsync(r, "handoff", new { toUserName = "student", reason = "x" }, HttpStatusCode.UnprocessableEntity, "toUserName");
        await water2.RefusedAsync(r, "handoff", new { toUserName = "repair1", toPostCode = "repair-duty", reason = "x" }, HttpStatusCode.UnprocessableEntity, "toUserName");

        var handed = await water2.OkAsync(r, "handoff", new { toUserName = "repair1", reason = "柜门合页坏了，属木工" });
        Assert.Equal("HandedOff", handed.Str("status"));
        Assert.Equal("repair1", handed.Str("handOff", "to", "userName"));
        Assert.Equal(Beijing(11, 30, 10, 10), handed.GetProperty("handOff").GetProperty("acceptBy").GetDateTimeOffset());
        // Only the receiver accepts; the receiver can see it now.
        await web.As("repair2").RefusedAsync(r, "accept-handoff", null, HttpStatusCode.NotFound, "not_found");
        await web.As("water1").RefusedAsync(r, "accept-handoff", null, HttpStatusCode.Forbidden, "not_allowed");

        await web.AdvanceAsync("PT5M");
        var accepted = await repair1.OkAsync(r, "accept-handoff");
        Assert.Equal("Acknowledged", accepted.Str("status"));
        Assert.Equal("repair1", accepted.Str("handler", "userName"));
        Assert.Equal("water2", accepted.Str("firstContactOwner", "userName"));
        Assert.Equal(JsonValueKindNull, accepted.GetProperty("handOff").ValueKind);

        // Accepting acknowledged it: neither the hand-off nor the acknowledgement falls overdue later.
        await web.AdvanceAsync("PT2H");
        var later = await student.GetRequestAsync(r);
        Assert.False(later.IsOverdue());
        Assert.Equal(0, later.Level());
        Assert.Equal(
            [("student", "service_request.submitted"), ("water2", "service_request.handed_off"), ("repair1", "service_request.handoff_accepted")],
            later.Timeline()
        );
        Assert.Equal("柜门合页坏了，属木工", later.GetProperty("timeline")[1].Str("note"));
        await repair1.OkAsync(r, "arrive");
    }

    [Fact]
    public async Task An_emergencys_hand_off_and_ladder_run_round_the_clock_while_a_normal_ones_wait_for_office_hours()
    {
        // Saturday 12-05 22:00: a burst pipe and a dripping tap, both acknowledged and handed to repair1, who sleeps.
        var (app, web) = await StartAsync(Beijing(12, 5, 22, 0));
        await using var running = app;
        var student = web.As("student");
        var burst = await student.ReportAsync(urgency: "Emergency").CreatedAsync();
        var drip = await student.ReportAsync(urgency: "Normal").CreatedAsync();
        var owner = web.As(burst.Str("firstContactOwner", "userName"));
        foreach (var r in new[] { burst, drip })
        {
            await owner.OkAsync(r, "acknowledge");
        }
        var urgent = await owner.OkAsync(burst, "handoff", new { toUserName = "repair1", reason = "需要木工" });
        var normal = await owner.OkAsync(drip, "handoff", new { toUserName = "repair1", reason = "需要木工" });
        Assert.Equal(Beijing(12, 5, 22, 10), urgent.GetProperty("handOff").GetProperty("acceptBy").GetDateTimeOffset());
        Assert.Equal(Beijing(12, 7, 8, 10), normal.GetProperty("handOff").GetProperty("acceptBy").GetDateTimeOffset());

        // Unaccepted at 22:10, the emergency climbs to the team leader at once, and past the leader's 30 minutes to the
        // deputy director, that same night; the normal request has not moved.
        await web.AdvanceAsync("PT10M");
        Assert.Equal(1, (await student.GetRequestAsync(burst)).Level());
        await web.AdvanceAsync("PT30M");
        Assert.Equal(2, (await student.GetRequestAsync(burst)).Level());
        Assert.Equal(0, (await student.GetRequestAsync(drip)).Level());
        Assert.False((await student.GetRequestAsync(drip)).IsOverdue());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task A_hand_off_to_a_post_goes_to_whoever_is_on_duty_there_now()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();

        // Monday daytime: repair1 has the repair-duty shift.
        var handed = await web.As("water2").OkAsync(r, "handoff", new { toPostCode = "repair-duty", reason = "维修组的活" });
        Assert.Equal("repair1", handed.Str("handOff", "to", "userName"));
        await web.As("water2").RefusedAsync(r, "handoff", new { toPostCode = "no-such-post", reason = "x" }, HttpStatusCode.UnprocessableEntity, "toPostCode");

        // 20:00: nobody is rostered at repair-duty; the pending hand-off is re-routed to the post's team leader.
        await web.AdvanceAsync("PT10H");
        var rerouted = await web.As("water2").OkAsync(r, "handoff", new { toPostCode = "repair-duty", reason = "夜间找组长" });
        Assert.Equal("leader-repair", rerouted.Str("handOff", "to", "userName"));
        Assert.Equal("water2", rerouted.Str("handler", "userName"));
        await web.As("repair1").RefusedAsync(r, "accept-handoff", null, HttpStatusCode.NotFound, "not_found");
        Assert.Equal("Acknowledged", (await web.As("leader-repair").OkAsync(r, "accept-handoff")).Str("status"));
    }

    [Fact]
    public async Task A_hand_off_not_accepted_in_time_escalates_to_the_team_leader()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();
        await water2.OkAsync(r, "acknowledge");
        await water2.OkAsync(r, "handoff", new { toUserName = "repair1", reason = "需要木工" });

        await web.AdvanceAsync("PT9M59S");
        Assert.Equal(0, (await student.GetRequestAsync(r)).Level());

        await web.AdvanceAsync("PT1S");
        var escalated = await student.GetRequestAsync(r);
        Assert.True(escalated.IsOverdue());
        Assert.Equal(1, escalated.Level());
        Assert.Equal(["leader-water"], escalated.CoOwners());
        Assert.Equal("HandOffAcceptance", escalated.Str("ladderWaitingFor"));
        Assert.Equal("HandedOff", escalated.Str("status"));
        Assert.Equal(
            [("system", "service_request.overdue"), ("system", "service_request.escalated")],
            escalated.Timeline().TakeLast(2)
        );

        // The receiver accepts late: the ladder has what it waited for and stops at the leader.
        await web.As("repair1").OkAsync(r, "accept-handoff");
        await web.AdvanceAsync("PT2H");
        var settled = await student.GetRequestAsync(r);
        Assert.Equal(1, settled.Level());
        Assert.Equal("None", settled.Str("ladderWaitingFor"));
        Assert.True(settled.IsOverdue());
        Assert.Equal("repair1", settled.Str("handler", "userName"));
    }

    [Fact]
    public async Task Re_routing_a_hand_off_does_not_stop_a_ladder_waiting_for_the_acknowledgement()
    {
        // Found by the escalation model test (seed 2): re-routing settled the acknowledgement's ladder as well.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();
        await web.AdvanceAsync("PT30M");
        Assert.Equal("Acknowledgement", (await student.GetRequestAsync(r)).Str("ladderWaitingFor"));

        await water2.OkAsync(r, "handoff", new { toUserName = "repair1", reason = "需要木工" });
        var rerouted = await water2.OkAsync(r, "handoff", new { toUserName = "repair2", reason = "repair1 在外面" });

        Assert.Equal("Acknowledgement", rerouted.Str("ladderWaitingFor"));
    }

    [Fact]
    public async Task A_declined_hand_off_returns_to_the_owner_and_counts_a_bounce()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair1) = (web.As("student"), web.As("water2"), web.As("repair1"));
        var r = await student.ReportAsync().CreatedAsync();
        await water2.OkAsync(r, "acknowledge");
        await water2.OkAsync(r, "handoff", new { toUserName = "repair1", reason = "需要木工" });

        await repair1.RefusedAsync(r, "decline-handoff", new { reason = " " }, HttpStatusCode.UnprocessableEntity, "reason");
        await water2.RefusedAsync(r, "decline-handoff", new { reason = "不是我的" }, HttpStatusCode.Forbidden, "not_allowed");
        var declined = await repair1.OkAsync(r, "decline-handoff", new { reason = "是水管问题，不是木工" });

        Assert.Equal("Acknowledged", declined.Str("status"));
        Assert.Equal("water2", declined.Str("handler", "userName"));
        Assert.Equal("water2", declined.Str("firstContactOwner", "userName"));
        Assert.Equal(1, declined.GetProperty("bounces").GetInt32());
        await repair1.RefusedAsync(r, "accept-handoff", null, HttpStatusCode.NotFound, "not_found");

        // The declined hand-off's acceptance timer is gone: nothing escalates.
        await web.AdvanceAsync("PT30M");
        var later = await student.GetRequestAsync(r);
        Assert.False(later.IsOverdue());
        Assert.Equal(0, later.Level());
        Assert.Equal(("repair1", "service_request.handoff_declined"), later.Timeline()[^1]);
        Assert.Equal("是水管问题，不是木工", later.GetProperty("timeline").EnumerateArray().Last().Str("note"));

        // A second hand-off and decline counts again.
        await water2.OkAsync(r, "handoff", new { toUserName = "water1", reason = "你更熟" });
        Assert.Equal(2, (await web.As("water1").OkAsync(r, "decline-handoff", new { reason = "我在外面" })).GetProperty("bounces").GetInt32());
    }
}
