using System.Net;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>Problem titles speak the caller's language (zh-CN by default) and word a refusal as the pages do; the code does not change.</summary>
public class ProblemTitleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_step_is_titled_in_the_callers_language_with_the_features_words()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var water2 = web.As("water2");
        Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(r, "acknowledge")).StatusCode);

        var chinese = await (await water2.StepAsync(r, "acknowledge")).JsonAsync();
        Assert.Equal("invalid_state", chinese.Str("code"));
        Assert.Equal("报修状态已经变化，这一步现在不能进行。", chinese.Str("title"));
        Assert.Contains("Acknowledged", chinese.Str("detail"));

        water2.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var english = await (await water2.StepAsync(r, "acknowledge")).JsonAsync();
        Assert.Equal("invalid_state", english.Str("code"));
        Assert.Equal("The request has moved on; this step is not possible now.", english.Str("title"));

        var invalid = await (await web.As("water2").StepAsync(r, "handoff", new { toUserName = "water1" })).JsonAsync();
        Assert.Equal("输入有误", invalid.Str("title"));
    }

    [Fact]
    public async Task Problems_the_framework_raises_are_titled_by_their_code_in_both_languages()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;

        var anonymous = web.ClientAs(null);
        var unauthenticated = await anonymous.GetAsync("/api/v1/service-requests", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("unauthenticated", await unauthenticated.CodeAsync());
        Assert.Equal("需要登录", (await unauthenticated.JsonAsync()).Str("title"));

        var student = web.As("student");
        var missing = await student.GetAsync("/api/v1/no-such-thing", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("未找到", (await missing.JsonAsync()).Str("title"));
        student.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.Equal("Not found", (await (await student.GetAsync("/api/v1/no-such-thing", Ct)).JsonAsync()).Str("title"));
    }
}
