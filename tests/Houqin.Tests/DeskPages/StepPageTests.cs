using System.Net;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>The lifecycle's steps from the request page, as people without JavaScript would press them.</summary>
public class StepPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PressAsync(HttpClient client, string path, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync(path, $"{path}?handler={handler}", fields ?? []);

    [Fact]
    public async Task A_hand_off_from_the_page_waits_in_the_receivers_queue_and_is_accepted_there()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var path = $"/requests/{r.Id()}";
        var water2 = web.As("water2");

        var (_, page) = await water2.GetPageAsync(path);
        Assert.NotNull(page.QuerySelector("#actions select[name=ToUserName] option[value=water1]"));
        var missing = await PressAsync(water2, path, "HandOff", new() { ["ToUserName"] = "water1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("请写明理由", (await Forms.ParseAsync(missing)).Errors(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(water2, path, "HandOff", new() { ["ToUserName"] = "water1", ["Reason"] = "我在处理停电" })).StatusCode);

        var water1 = web.As("water1");
        var (_, queue) = await water1.GetPageAsync("/desk");
        Assert.Contains(r.Str("number"), queue.Text("#handoffs"), StringComparison.Ordinal);
        var (_, offered) = await water1.GetPageAsync(path);
        Assert.NotNull(offered.QuerySelector("#actions form[action*=AcceptHandOff]"));
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(water1, path, "AcceptHandOff")).StatusCode);

        var shown = await water1.GetRequestAsync(r);
        Assert.Equal("water1", shown.Str("handler", "userName"));
        Assert.Equal("water2", shown.Str("firstContactOwner", "userName"));
        var (_, after) = await water1.GetPageAsync(path);
        Assert.Contains("接受了转交", after.Text("#timeline"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requester_rejects_a_completion_then_confirms_rates_and_complains_from_the_page()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var water2 = web.As("water2");
        var r = await student.ReportAsync().CreatedAsync();
        var path = $"/requests/{r.Id()}";
        foreach (var (step, body) in new (string, object?)[] { ("acknowledge", null), ("arrive", null), ("complete", new { method = "更换阀门", result = "已修好" }) })
        {
            Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(r, step, body)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(student, path, "RejectCompletion", new() { ["Reason"] = "还在滴水" })).StatusCode);
        Assert.Equal("OnSite", (await student.GetRequestAsync(r)).Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(r, "complete", new { method = "更换阀芯", result = "不再滴水" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(student, path, "Confirm")).StatusCode);

        var outOfRange = await PressAsync(student, path, "Rate", new() { ["Timeliness"] = "9", ["Quality"] = "5", ["Attitude"] = "5", ["Satisfaction"] = "5" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
        Assert.Contains("及时", (await Forms.ParseAsync(outOfRange)).Errors(), StringComparison.Ordinal);
        var rated = await PressAsync(student, path, "Rate", new() { ["Timeliness"] = "2", ["Quality"] = "4", ["Attitude"] = "5", ["Satisfaction"] = "3", ["Comment"] = "第二次才修好" });
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        var (_, page) = await student.GetPageAsync(path);
        Assert.Null(page.QuerySelector("#rate"));

        var complained = await PressAsync(
            student,
            path,
            "Complain",
            new() { ["ComplaintKind"] = "BuckPassing", ["StaffUserName"] = "water2", ["ComplaintText"] = "第一次说不是他负责" }
        );
        Assert.Equal(HttpStatusCode.Redirect, complained.StatusCode);

        var feedback = await (await student.GetAsync($"/api/v1/service-requests/{r.Id()}/feedback", Ct)).JsonAsync();
        Assert.Equal(2, feedback.GetProperty("rating").GetProperty("timeliness").GetInt32());
        Assert.Equal("BuckPassing", feedback.GetProperty("complaints")[0].Str("kind"));
        Assert.Contains("service_request.completion_rejected", (await student.GetRequestAsync(r)).GetProperty("timeline").EnumerateArray().Select(t => t.Str("action")));
    }
}
