using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>
/// 首问负责制: the first-contact owner stays on the request and sees every change, whoever handles it; so do the
/// handler and the co-owners. Each is told once a step, never of their own step, and the requester only of theirs.
/// </summary>
public class OwnerSeesEveryStepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Oldest first, in the order the steps were taken.</summary>
    private static async Task<List<(string Kind, string Text)>> NoticesAsync(HttpClient client, string culture = "zh-CN") =>
        Enumerable.Reverse(await client.NoticesAsync(culture)).ToList();

    [Fact]
    public async Task The_owner_is_told_of_each_step_the_handler_takes_and_the_handler_of_the_owners()
    {
        // Monday 11-30 10:00: water2 is on duty and owns the student's report; repair1 takes it over.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair1) = (web.As("student"), web.As("water2"), web.As("repair1"));
        var r = await student.ReportAsync().CreatedAsync();
        var number = r.Str("number");

        await water2.OkAsync(r, "handoff", new { toUserName = "repair1", reason = "柜门合页坏了，属木工" });
        await repair1.OkAsync(r, "accept-handoff");
        await repair1.OkAsync(r, "arrive");
        await repair1.OkAsync(r, "pause", new { reason = "等配件" });
        await repair1.OkAsync(r, "resume");
        await repair1.OkAsync(r, "complete", new { method = "更换合页", result = "柜门已修好", materials = new[] { "合页×2" } });
        await student.OkAsync(r, "confirm");

        // The owner: told directly where a step is addressed to them, and of every other step in the step's words.
        Assert.Equal(
            [
                ("service_request.assigned", $"报修单 {number} 已交给您处理。"),
                ("service_request.handoff_accepted", $"报修单 {number} 的转办已被接收。"),
                ("service_request.progress", $"您首问负责或参与处理的报修单 {number}：维修人员已到现场。"),
                ("service_request.paused", $"报修单 {number} 已暂停：等配件"),
                ("service_request.resumed", $"报修单 {number} 已恢复处理。"),
                ("service_request.progress", $"您首问负责或参与处理的报修单 {number}：已完成，等待报修人确认。"),
                ("service_request.confirmed", $"报修单 {number} 已由报修人确认完成。"),
            ],
            await NoticesAsync(water2)
        );
        // The handler: handed the request, then told of the requester's confirmation; never of their own steps.
        Assert.Equal(
            ["service_request.handed_off", "service_request.confirmed"],
            (await NoticesAsync(repair1)).Select(n => n.Kind)
        );
        // The requester hears of what concerns them, never the office's internal hand-offs.
        Assert.Equal(
            ["service_request.arrived", "service_request.paused", "service_request.resumed", "service_request.completed"],
            (await NoticesAsync(student)).Select(n => n.Kind)
        );
        Assert.Equal(
            $"Request {number}, which you own or work on: the technician is on site.",
            (await NoticesAsync(water2, "en-US")).First(n => n.Kind == "service_request.progress").Text
        );
    }

    [Fact]
    public async Task A_co_owner_added_by_the_ladder_is_told_of_the_steps_after_it()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();

        // water2 escalates by hand: the water team's leader joins as a co-owner and is told of the climb.
        var escalated = await water2.OkAsync(r, "escalate", new { reason = "需要组长协调" });
        var leader = escalated.GetProperty("coOwners")[0].Str("userName");
        await water2.OkAsync(r, "acknowledge");
        await water2.OkAsync(r, "arrive");

        var kinds = (await NoticesAsync(web.As(leader))).Select(n => n.Kind).ToList();
        Assert.Equal(["service_request.escalated", "service_request.progress", "service_request.progress"], kinds);
    }
}
