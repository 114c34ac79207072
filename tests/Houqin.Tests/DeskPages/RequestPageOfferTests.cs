using System.Net;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>What the request page offers, to whom, and what it says when an extension is refused.</summary>
public class RequestPageOfferTests
{
    private static Task<HttpResponseMessage> PressAsync(HttpClient client, string path, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync(path, $"{path}?handler={handler}", fields ?? []);

    private const string Approve = "#actions form[action*=ApproveExtension]";

    [Fact]
    public async Task Only_the_requests_own_chain_is_offered_an_extension_to_rule_on_and_nobody_once_it_is_referred()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();
        var path = $"/requests/{r.Id()}";
        await water2.OkAsync(r, "acknowledge");
        await water2.OkAsync(r, "extension", new { resolveBy = r.Instant("resolveBy").AddDays(1).ToString("O"), reason = "等配件" });

        // The repair team's leader sees every request, but rules only on his own team's: no buttons that answer 403.
        var (_, otherTeam) = await web.As("leader-repair").GetPageAsync(path);
        Assert.Null(otherTeam.QuerySelector(Approve));
        var (_, ownTeam) = await web.As("leader-water").GetPageAsync(path);
        Assert.NotNull(ownTeam.QuerySelector(Approve));
        Assert.NotNull((await web.As("deputy").GetPageAsync(path)).Page.QuerySelector(Approve));

        // Referred, the request has no work left to extend: the extension went with it.
        await water2.OkAsync(r, "refer", new { referredTo = "物业公司", reason = "校外物业负责" });
        var (_, referred) = await web.As("leader-water").GetPageAsync(path);
        Assert.Null(referred.QuerySelector(Approve));
    }

    [Theory]
    [InlineData("zh-CN", "请填写有效的日期和时间", "延期过长：最晚只能延至", "请填写晚于当前解决时限的时间", "最晚可延至")]
    [InlineData("en-US", "Give a valid date and time", "That is too far: an extension reaches", "later than the current resolve-by", "At the latest")]
    public async Task An_extension_form_says_which_is_wrong_an_invalid_date_one_too_far_or_one_too_early(string culture, string invalid, string tooFar, string notLater, string hint)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var path = $"/requests/{r.Id()}";
        var water2 = web.As("water2");
        water2.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        await water2.OkAsync(r, "acknowledge");

        var (_, form) = await water2.GetPageAsync(path);
        Assert.Contains(hint, form.Text("#extension-latest"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[name=ResolveBy]")!.GetAttribute("max")));

        foreach (var (at, says) in new[] { ("2026-13-40T10:00", invalid), ("9999-12-31T23:59", tooFar), ("2026-11-30T09:00", notLater) })
        {
            var refused = await PressAsync(water2, path, "Extension", new() { ["ResolveBy"] = at, ["Reason"] = "等配件" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains(says, (await Forms.ParseAsync(refused)).Errors(), StringComparison.Ordinal);
        }
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await water2.GetRequestAsync(r)).GetProperty("extension").ValueKind);
    }

    [Fact]
    public async Task The_requester_can_complain_from_submission_on_against_anyone_who_acted_on_the_request()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, water1) = (web.As("student"), web.As("water2"), web.As("water1"));
        var r = await student.ReportAsync().CreatedAsync();
        var path = $"/requests/{r.Id()}";
        await water2.OkAsync(r, "handoff", new { toUserName = "water1", reason = "你那边近" });
        await water1.OkAsync(r, "decline-handoff", new { reason = "不是我们组的" });
        Assert.Equal("Submitted", (await student.GetRequestAsync(r)).Str("status"));

        // Still submitted, and the one who said "not ours" is no longer on it: he is still named on the form.
        var (_, submitted) = await student.GetPageAsync(path);
        Assert.NotNull(submitted.QuerySelector("#actions form[action*=Complain] select[name=StaffUserName] option[value=water1]"));

        // A handler who passed it on stays nameable too.
        await water2.OkAsync(r, "handoff", new { toUserName = "repair1", reason = "门锁坏了" });
        await web.As("repair1").OkAsync(r, "accept-handoff");
        await web.As("repair1").OkAsync(r, "handoff", new { toUserName = "repair2", reason = "我休假" });
        await web.As("repair2").OkAsync(r, "accept-handoff");
        var (_, page) = await student.GetPageAsync(path);
        var named = page.QuerySelectorAll("select[name=StaffUserName] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["water2", "repair2", "water1", "repair1"], named);

        var complained = await PressAsync(student, path, "Complain", new() { ["ComplaintKind"] = "BuckPassing", ["StaffUserName"] = "water1", ["ComplaintText"] = "说不是他们组的" });
        Assert.Equal(HttpStatusCode.Redirect, complained.StatusCode);
        // Staff are not offered the requester's form.
        Assert.Null((await water2.GetPageAsync(path)).Page.QuerySelector("#actions form[action*=Complain]"));
    }
}
