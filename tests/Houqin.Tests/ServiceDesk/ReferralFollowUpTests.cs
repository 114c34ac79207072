using System.Net;
using System.Text.Json;
using Houqin.Tests.Accountability;
using Houqin.Tests.DeskPages;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>
/// A referral is closed only when the owner confirms the requester was helped where they were sent (ADR 0021): the
/// policy's working days to do it (2 by default), then a reminder and the escalation ladder.
/// </summary>
public class ReferralFollowUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Friday 12-04 15:00: the student's report, acknowledged and referred by its owner.</summary>
    private static async Task<(TestApp, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>, HttpClient, HttpClient, JsonElement)> ReferredOnFridayAsync()
    {
        var (app, web) = await StartAsync(Beijing(12, 4, 15, 0));
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var owner = web.As(r.Str("firstContactOwner", "userName"));
        await owner.OkAsync(r, "acknowledge");
        var referred = await owner.OkAsync(r, "refer", new { referredTo = "信息化办公室（校园网报修 8888）", reason = "宿舍网络故障不属后勤" });
        Assert.Equal("Referred", referred.Str("status"));
        return (app, web, student, owner, referred);
    }

    private static async Task<List<string>> KindsAsync(HttpClient client) => (await client.NoticesAsync()).Select(n => n.Kind).ToList();

    [Fact]
    public async Task An_unconfirmed_referral_falls_due_after_two_working_days_past_the_weekend_and_climbs_until_someone_records_it()
    {
        var (app, web, student, owner, r) = await ReferredOnFridayAsync();
        await using var running = app;

        // Two working days after Friday: Monday and Tuesday, so by the end of Tuesday 12-08.
        Assert.Equal(Beijing(12, 9, 0, 0), r.GetProperty("referral").GetProperty("followUpBy").GetDateTimeOffset());

        // Over the weekend and up to the last minute of Tuesday nothing happens.
        await web.AdvanceAsync("P4DT8H59M");
        var waiting = await student.GetRequestAsync(r);
        Assert.False(waiting.IsOverdue());
        Assert.Equal(0, waiting.Level());
        Assert.DoesNotContain("service_request.referral_follow_up_due", await KindsAsync(owner));

        // Midnight: the owner is reminded, the request is flagged, and it goes to the team leader.
        await web.AdvanceAsync("PT1M");
        var due = await student.GetRequestAsync(r);
        Assert.True(due.IsOverdue());
        Assert.Equal(1, due.Level());
        Assert.Equal(["leader-water"], due.CoOwners());
        Assert.Equal("ReferralFollowUp", due.Str("ladderWaitingFor"));
        Assert.Equal("Referred", due.Str("status"));
        Assert.Equal([("system", "service_request.overdue"), ("system", "service_request.escalated")], due.Timeline().TakeLast(2));
        var notes = due.GetProperty("timeline").EnumerateArray().Select(t => t.Str("note")).TakeLast(2);
        Assert.Equal(["referral", "referral_overdue"], notes);
        Assert.Contains("service_request.referral_follow_up_due", await KindsAsync(owner));
        Assert.Contains("service_request.escalated", await KindsAsync(web.As("leader-water")));
        // On the leader's board, among what is escalated to them, with the follow-up that was missed.
        var (_, board) = await web.As("leader-water").GetPageAsync("/board");
        var row = board.QuerySelector($"#escalated li[data-number='{r.Str("number")}']");
        Assert.NotNull(row);
        Assert.Contains("转介后应于 2026年12月9日 00:00 前回访确认", row.TextContent, StringComparison.Ordinal);

        // The leader's rung has its 30 office minutes from Wednesday 08:00; nobody acts, so the deputy director joins.
        await web.AdvanceAsync("PT8H45M");
        var climbed = await student.GetRequestAsync(r);
        Assert.Equal(2, climbed.Level());
        Assert.Contains("deputy", climbed.CoOwners());

        // The requester cannot record it for the office; the leader, on it now, calls them and records it.
        await student.RefusedAsync(r, "referral/helped", null, HttpStatusCode.Forbidden, "not_allowed");
        var helped = await web.As("leader-water").OkAsync(r, "referral/helped");
        Assert.Equal(Beijing(12, 9, 8, 45), helped.GetProperty("referral").GetProperty("helpedAt").GetDateTimeOffset());
        Assert.Equal("None", helped.Str("ladderWaitingFor"));
        await owner.RefusedAsync(r, "referral/helped", null, HttpStatusCode.Conflict, "invalid_state");
        Assert.Contains("service_request.progress", await KindsAsync(owner));

        // Settled: it climbs no further, and stays flagged for the missed follow-up.
        await web.AdvanceAsync("P3D");
        var settled = await student.GetRequestAsync(r);
        Assert.Equal(2, settled.Level());
        Assert.True(settled.IsOverdue());
        Assert.Equal(("leader-water", "service_request.referral_helped"), settled.Timeline()[^1]);
        Assert.Equal(1, settled.GetProperty("timeline").EnumerateArray().Count(t => t.Str("action") == "service_request.overdue"));
    }

    [Fact]
    public async Task A_referral_confirmed_in_time_closes_quietly_and_reads_plainly_to_the_requester()
    {
        var (app, web, student, owner, r) = await ReferredOnFridayAsync();
        await using var running = app;

        // The requester's page: where to go, why, and when the office will check back.
        var (_, page) = await student.GetPageAsync($"/requests/{r.Id()}");
        Assert.Contains("信息化办公室（校园网报修 8888）", page.Text("#referral-to"), StringComparison.Ordinal);
        Assert.Contains("2026年12月9日", page.Text("#referral-follow-up"), StringComparison.Ordinal);
        Assert.Contains("不属后勤职责", page.Text("#request-status"), StringComparison.Ordinal);
        Assert.Contains("引导报修人到以下单位办理", page.Text("#timeline"), StringComparison.Ordinal);

        // Monday morning the owner calls back: the requester was helped.
        await web.AdvanceAsync("P2DT18H");
        var helped = await owner.OkAsync(r, "referral/helped");
        Assert.Equal(Beijing(12, 7, 9, 0), helped.GetProperty("referral").GetProperty("helpedAt").GetDateTimeOffset());

        await web.AdvanceAsync("P5D");
        var later = await student.GetRequestAsync(r);
        Assert.False(later.IsOverdue());
        Assert.Equal(0, later.Level());
        Assert.Equal("None", later.Str("ladderWaitingFor"));
        Assert.DoesNotContain("service_request.referral_follow_up_due", await KindsAsync(owner));
        var (_, after) = await student.GetPageAsync($"/requests/{r.Id()}");
        Assert.Contains("2026年12月7日", after.Text("#referral-helped"), StringComparison.Ordinal);
        Assert.Contains("回访确认报修人已在转介单位得到帮助", after.Text("#timeline"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_made_at_the_directors_rung_opens_no_case_in_its_own_time_and_one_still_owed_there_does()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var owner = web.As(r.Str("firstContactOwner", "userName"));
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await owner.OkAsync(r, "escalate", new { reason = "报修人说这不是水管问题，要找领导" });
        }
        Assert.Equal(3, (await owner.GetRequestAsync(r)).Level());
        await owner.OkAsync(r, "refer", new { referredTo = "信息化办公室（校园网报修 8888）", reason = "宿舍网络故障不属后勤" });

        // A leader the ladder brought in may record the follow-up from the page, having called the requester.
        var (_, leaderPage) = await web.As("leader-water").GetPageAsync($"/requests/{r.Id()}");
        Assert.NotNull(leaderPage.QuerySelector("form[action*='ReferralHelped']"));

        // Tuesday 17:00: the director's 8 working hours have passed since the request reached them, but the referral
        // discharged the open work; its follow-up is owed only by the end of Wednesday.
        await web.AdvanceAsync("P1DT7H");
        Assert.Empty(await web.As("director").CasesAboutAsync(r));

        // Still owed on Thursday: nobody is left above the director, so it is watched there, and then becomes a case.
        await web.AdvanceAsync("P1DT8H");
        Assert.True((await owner.GetRequestAsync(r)).IsOverdue());
        Assert.Empty(await web.As("director").CasesAboutAsync(r));
        await web.AdvanceAsync("P2D");
        var c = Assert.Single(await web.As("director").CasesAboutAsync(r));
        Assert.Equal("PastDirector", c.Str("origin"));
    }
}
