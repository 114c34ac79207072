using System.Net;
using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>The work on site: pauses, extensions of the resolve commitment, reopening, auto-confirmation, referral.</summary>
public class WorkTests
{
    /// <summary>Monday 11-30 10:00: the student's report, acknowledged by water2 who is on site.</summary>
    private static async Task<(TestApp, WebApplicationFactory<Program>, HttpClient, HttpClient, JsonElement)> OnSiteAsync(bool arrive = true)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();
        await water2.OkAsync(r, "acknowledge");
        if (arrive)
        {
            await water2.OkAsync(r, "arrive");
        }
        return (app, web, student, water2, r);
    }

    [Fact]
    public async Task A_paused_request_waits_with_its_reason_and_resumes_on_site()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;

        await water2.RefusedAsync(r, "pause", new { reason = "" }, HttpStatusCode.UnprocessableEntity, "reason");
        await student.RefusedAsync(r, "pause", new { reason = "x" }, HttpStatusCode.Forbidden, "not_allowed");
        var paused = await water2.OkAsync(r, "pause", new { reason = "等阀门配件到货" });
        Assert.Equal("Paused", paused.Str("status"));
        Assert.Equal("等阀门配件到货", paused.Str("pauseReason"));
        await water2.RefusedAsync(r, "complete", new { method = "m", result = "r" }, HttpStatusCode.Conflict, "invalid_state");
        await water2.RefusedAsync(r, "pause", new { reason = "again" }, HttpStatusCode.Conflict, "invalid_state");

        var resumed = await water2.OkAsync(r, "resume");
        Assert.Equal("OnSite", resumed.Str("status"));
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("pauseReason").ValueKind);
        await water2.RefusedAsync(r, "resume", null, HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal(
            [("water2", "service_request.paused"), ("water2", "service_request.resumed")],
            (await student.GetRequestAsync(r)).Timeline().TakeLast(2)
        );
    }

    [Fact]
    public async Task An_approved_extension_moves_the_resolve_commitment_and_its_deadline()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        var oldResolveBy = r.Instant("resolveBy");
        var newResolveBy = oldResolveBy.AddDays(2);

        await water2.RefusedAsync(r, "extension", new { resolveBy = oldResolveBy.AddHours(-1).ToString("O"), reason = "x" }, HttpStatusCode.UnprocessableEntity, "resolveBy");
        await water2.RefusedAsync(r, "extension", new { resolveBy = "next week", reason = "x" }, HttpStatusCode.UnprocessableEntity, "resolveBy");
        await water2.RefusedAsync(r, "extension", new { resolveBy = newResolveBy.ToString("O") }, HttpStatusCode.UnprocessableEntity, "reason");
        var asked = await water2.OkAsync(r, "extension", new { resolveBy = newResolveBy.ToString("O"), reason = "配件要从厂家订" });
        Assert.Equal(newResolveBy, asked.GetProperty("extension").GetProperty("resolveBy").GetDateTimeOffset());
        Assert.Equal(oldResolveBy, asked.Instant("resolveBy"));
        await water2.RefusedAsync(r, "extension", new { resolveBy = newResolveBy.AddDays(1).ToString("O"), reason = "x" }, HttpStatusCode.Conflict, "extension_pending");

        // Only the team's leader (or above) rules on it.
        await water2.RefusedAsync(r, "extension/approve", null, HttpStatusCode.Forbidden, "not_allowed");
        await web.As("leader-repair").RefusedAsync(r, "extension/approve", null, HttpStatusCode.Forbidden, "not_allowed");
        var approved = await web.As("leader-water").OkAsync(r, "extension/approve");
        Assert.Equal(newResolveBy, approved.Instant("resolveBy"));
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("extension").ValueKind);
        await web.As("leader-water").RefusedAsync(r, "extension/approve", null, HttpStatusCode.Conflict, "no_extension_pending");

        // The old instant passes quietly; the new one is the commitment now.
        var clockNow = Beijing(11, 30, 10, 0);
        await web.AdvanceAsync(System.Xml.XmlConvert.ToString(oldResolveBy - clockNow + TimeSpan.FromMinutes(1)));
        Assert.False((await student.GetRequestAsync(r)).IsOverdue());
        await web.AdvanceAsync(System.Xml.XmlConvert.ToString(newResolveBy - oldResolveBy));
        var late = await student.GetRequestAsync(r);
        Assert.True(late.IsOverdue());
        Assert.Equal(1, late.Level());
        Assert.Contains(("leader-water", "service_request.extension_approved"), late.Timeline());
    }

    [Fact]
    public async Task A_leader_who_asks_for_an_extension_does_not_rule_on_it_the_deputy_director_does()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        var leader = web.As("leader-water");
        var newResolveBy = r.Instant("resolveBy").AddDays(2);
        // The leader joins as co-owner and asks for more time himself.
        await water2.OkAsync(r, "escalate", new { reason = "需要组长协调配件" });
        await leader.OkAsync(r, "extension", new { resolveBy = newResolveBy.ToString("O"), reason = "配件要从厂家订" });

        await leader.RefusedAsync(r, "extension/approve", null, HttpStatusCode.Forbidden, "not_allowed");
        await leader.RefusedAsync(r, "extension/reject", null, HttpStatusCode.Forbidden, "not_allowed");
        var told = await (await web.As("deputy").GetAsync("/api/v1/notifications?limit=100", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Contains(told.GetProperty("items").EnumerateArray(), n => n.Str("kind") == "service_request.extension_requested");
        var approved = await web.As("deputy").OkAsync(r, "extension/approve");
        Assert.Equal(newResolveBy, approved.Instant("resolveBy"));
        Assert.Contains(("deputy", "service_request.extension_approved"), (await student.GetRequestAsync(r)).Timeline());
    }

    [Fact]
    public async Task An_extension_asked_after_the_resolve_commitment_fell_due_is_refused_and_a_rejected_one_changes_nothing()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        var resolveBy = r.Instant("resolveBy");

        await water2.OkAsync(r, "extension", new { resolveBy = resolveBy.AddDays(1).ToString("O"), reason = "等配件" });
        var rejected = await web.As("deputy").OkAsync(r, "extension/reject");
        Assert.Equal(resolveBy, rejected.Instant("resolveBy"));
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("extension").ValueKind);

        await web.AdvanceAsync(System.Xml.XmlConvert.ToString(resolveBy - Beijing(11, 30, 10, 0)));
        await water2.RefusedAsync(r, "extension", new { resolveBy = resolveBy.AddDays(1).ToString("O"), reason = "晚了" }, HttpStatusCode.Conflict, "extension_too_late");
        var after = await student.GetRequestAsync(r);
        Assert.Equal(resolveBy, after.Instant("resolveBy"));
        Assert.True(after.IsOverdue());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("extension").ValueKind);
    }

    [Fact]
    public async Task An_extension_past_the_policys_thirty_working_days_is_refused_naming_resolveBy_and_one_within_them_is_approved()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        var resolveBy = r.Instant("resolveBy"); // Thursday 12-03 10:00

        foreach (var far in new[] { "9999-12-31T23:59:59+08:00", "2027-02-01T09:00:00+08:00" })
        {
            var refused = await water2.StepAsync(r, "extension", new { resolveBy = far, reason = "等配件" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await refused.JsonAsync();
            Assert.Equal("extension_too_far", problem.Str("code"));
            Assert.True(problem.GetProperty("errors").TryGetProperty("resolveBy", out _), problem.ToString());
        }
        Assert.Equal(JsonValueKind.Null, (await student.GetRequestAsync(r)).GetProperty("extension").ValueKind);

        // Four weeks more is twenty working days: within the default thirty.
        var latest = resolveBy.AddDays(28);
        await water2.OkAsync(r, "extension", new { resolveBy = latest.ToString("O"), reason = "配件要从厂家订" });
        Assert.Equal(latest, (await web.As("leader-water").OkAsync(r, "extension/approve")).Instant("resolveBy"));
        var notLater = await water2.StepAsync(r, "extension", new { resolveBy = resolveBy.ToString("O"), reason = "x" });
        Assert.Equal("extension_not_later", await notLater.CodeAsync());
    }

    [Fact]
    public async Task A_referral_withdraws_a_pending_extension_and_its_event_keeps_what_was_asked()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        var asked = r.Instant("resolveBy").AddDays(1);
        await water2.OkAsync(r, "extension", new { resolveBy = asked.ToString("O"), reason = "等物业公司" });

        var referred = await water2.OkAsync(r, "refer", new { referredTo = "物业公司", reason = "校外物业负责" });
        Assert.Equal(JsonValueKind.Null, referred.GetProperty("extension").ValueKind);
        await web.As("leader-water").RefusedAsync(r, "extension/approve", null, HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal(r.Instant("resolveBy"), (await student.GetRequestAsync(r)).Instant("resolveBy"));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var data = await db.Set<AuditEvent>().Where(e => e.SubjectId == r.Id() && e.Action == "service_request.referred").Select(e => e.Data).SingleAsync(TestContext.Current.CancellationToken);
        var withdrawn = JsonDocument.Parse(data).RootElement.GetProperty("extensionWithdrawn");
        Assert.Equal(asked, withdrawn.GetProperty("resolveBy").GetDateTimeOffset());
        Assert.Equal("等物业公司", withdrawn.Str("reason"));
    }

    [Fact]
    public async Task A_rejected_completion_reopens_on_site_counts_and_never_confirms_itself()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        await water2.OkAsync(r, "complete", new { method = "更换阀门", result = "已修好" });

        await water2.RefusedAsync(r, "reject-completion", new { reason = "还在漏" }, HttpStatusCode.Forbidden, "not_allowed");
        await student.RefusedAsync(r, "reject-completion", new { }, HttpStatusCode.UnprocessableEntity, "reason");
        var reopened = await student.OkAsync(r, "reject-completion", new { reason = "还在漏水" });
        Assert.Equal("OnSite", reopened.Str("status"));
        Assert.Equal("water2", reopened.Str("handler", "userName"));
        Assert.Equal(1, reopened.GetProperty("reopened").GetInt32());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("completion").ValueKind);

        // The auto-confirmation was cancelled with the completion it belonged to.
        await web.AdvanceAsync("P8D");
        var later = await student.GetRequestAsync(r);
        Assert.Equal("OnSite", later.Str("status"));
        Assert.False(later.GetProperty("autoConfirmed").GetBoolean());
        Assert.Contains(("student", "service_request.completion_rejected"), later.Timeline());
        Assert.DoesNotContain(later.Timeline(), t => t.Action == "service_request.auto_confirmed");

        await water2.OkAsync(r, "complete", new { method = "更换整段水管", result = "不再漏水" });
        var confirmed = await student.OkAsync(r, "confirm");
        Assert.Equal("Confirmed", confirmed.Str("status"));
        Assert.False(confirmed.GetProperty("autoConfirmed").GetBoolean());
        Assert.Equal(1, confirmed.GetProperty("reopened").GetInt32());
    }

    [Fact]
    public async Task A_completion_rejected_after_the_resolve_instant_is_overdue_and_climbs_the_ladder_at_once()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        await water2.OkAsync(r, "complete", new { method = "更换阀门", result = "已修好" });
        // Done in time; the requester finds it still leaking a day after the resolve instant (before it confirms itself).
        await web.AdvanceAsync(System.Xml.XmlConvert.ToString(r.Instant("resolveBy") - Beijing(11, 30, 10, 0) + TimeSpan.FromDays(1)));
        Assert.False((await student.GetRequestAsync(r)).IsOverdue());

        await student.OkAsync(r, "reject-completion", new { reason = "还在漏水" });
        await web.AdvanceAsync("PT1S");
        var reopened = await student.GetRequestAsync(r);
        Assert.True(reopened.IsOverdue());
        Assert.Equal(1, reopened.Level());
        Assert.Equal(["leader-water"], reopened.CoOwners());
        Assert.Equal("Resolution", reopened.Str("ladderWaitingFor"));
        Assert.Equal(
            [("student", "service_request.completion_rejected"), ("system", "service_request.overdue"), ("system", "service_request.escalated")],
            reopened.Timeline().TakeLast(3)
        );
    }

    [Fact]
    public async Task A_completion_the_requester_leaves_unanswered_confirms_itself_after_seven_days_marked_auto()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        await water2.OkAsync(r, "complete", new { method = "更换阀门", result = "已修好" });

        await web.AdvanceAsync("P6DT23H59M");
        Assert.Equal("Completed", (await student.GetRequestAsync(r)).Str("status"));
        await web.AdvanceAsync("PT1M");
        var done = await student.GetRequestAsync(r);
        Assert.Equal("Confirmed", done.Str("status"));
        Assert.True(done.GetProperty("autoConfirmed").GetBoolean());
        Assert.Equal(Beijing(12, 7, 10, 0), done.GetProperty("confirmedAt").GetDateTimeOffset());
        Assert.Equal([("system", "service_request.auto_confirmed"), ("system", "service_request.default_rated")], done.Timeline()[^2..]);
        Assert.False(done.IsOverdue());
        var rating = (await (await student.GetAsync($"/api/v1/service-requests/{r.Id()}/feedback", TestContext.Current.CancellationToken)).JsonAsync()).GetProperty("rating");
        Assert.True(rating.GetProperty("isDefault").GetBoolean());
        await student.RefusedAsync(r, "reject-completion", new { reason = "晚了" }, HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task The_requester_is_told_when_their_request_confirms_itself_and_invited_to_rate_it()
    {
        var (app, web, student, water2, r) = await OnSiteAsync();
        await using var running = app;
        await water2.OkAsync(r, "complete", new { method = "更换阀门", result = "已修好" });
        await web.AdvanceAsync("P7D");
        var number = r.Str("number");

        var told = Assert.Single(await student.NoticesOfKindAsync("service_request.auto_confirmed_for_you"));
        Assert.Equal($"您的报修单 {number} 已超过确认期限，系统已自动确认完成。欢迎您对这次服务作出评价：您的评价将取代系统的默认评价。", told.Str("text"));
        Assert.Equal($"/requests/{r.Id()}", told.Str("link"));
        Assert.Equal(
            $"Your request {number} was confirmed automatically, as the time to confirm it has passed. Please rate the service: your rating will replace the default one.",
            Assert.Single(await student.NoticesOfKindAsync("service_request.auto_confirmed_for_you", "en-US")).Str("text")
        );
        // The owner and handler keep their own notice, once; they are not told the requester's.
        Assert.Single(await water2.NoticesOfKindAsync("service_request.auto_confirmed"));
        Assert.Empty(await water2.NoticesOfKindAsync("service_request.auto_confirmed_for_you"));

        // As the notice says: the requester's rating replaces the default.
        var rated = await student.OkAsync(r, "rate", new { timeliness = 4, quality = 4, attitude = 5, satisfaction = 4 });
        Assert.False(rated.GetProperty("rating").GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task A_request_outside_the_remit_closes_only_as_a_referral_and_the_owner_records_the_requester_was_helped()
    {
        var (app, web, student, water2, r) = await OnSiteAsync(arrive: false);
        await using var running = app;

        await web.As("water1").RefusedAsync(r, "refer", new { referredTo = "x", reason = "y" }, HttpStatusCode.Forbidden, "not_allowed");
        await water2.RefusedAsync(r, "refer", new { reason = "不属后勤" }, HttpStatusCode.UnprocessableEntity, "referredTo");
        await water2.RefusedAsync(r, "referral/helped", null, HttpStatusCode.Conflict, "invalid_state");
        var referred = await water2.OkAsync(r, "refer", new { referredTo = "信息化办公室（校园网报修 8888）", reason = "宿舍网络故障不属后勤" });
        Assert.Equal("Referred", referred.Str("status"));
        Assert.Equal("信息化办公室（校园网报修 8888）", referred.Str("referral", "referredTo"));
        await water2.RefusedAsync(r, "arrive", null, HttpStatusCode.Conflict, "invalid_state");

        // Closed: its commitments no longer fall due (the owner's follow-up is due only after two working days).
        await web.AdvanceAsync("P1DT2H");
        var closed = await student.GetRequestAsync(r);
        Assert.False(closed.IsOverdue());
        Assert.Equal(0, closed.Level());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("referral").GetProperty("helpedAt").ValueKind);

        var helped = await water2.OkAsync(r, "referral/helped");
        Assert.Equal(Beijing(12, 1, 12, 0), helped.GetProperty("referral").GetProperty("helpedAt").GetDateTimeOffset());
        await water2.RefusedAsync(r, "referral/helped", null, HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal(
            [("water2", "service_request.referred"), ("water2", "service_request.referral_helped")],
            (await student.GetRequestAsync(r)).Timeline().TakeLast(2)
        );
    }
}
