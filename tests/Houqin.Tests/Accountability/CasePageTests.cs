using System.Net;
using Houqin.Tests.DeskPages;
using static Houqin.Tests.Accountability.Cases;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Accountability;

/// <summary>The case page's forms, as people without JavaScript press them: each shows only to whoever may act.</summary>
public class CasePageTests
{
    private static Task<HttpResponseMessage> PressAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync(path, $"{path}?handler={handler}", fields);

    [Fact]
    public async Task The_case_goes_from_assignment_to_the_directors_ruling_on_its_page()
    {
        var (app, web, _, c) = await UpheldAsync();
        await using var running = app;
        var path = $"/cases/{c.Id()}";
        var (director, repair1, auditor) = (web.As("director"), web.As("repair1"), web.As("auditor"));

        var (_, listed) = await director.GetPageAsync("/cases");
        Assert.NotNull(listed.QuerySelector($"#cases a[href='{path}']"));
        var (_, accusedView) = await repair1.GetPageAsync(path);
        Assert.Null(accusedView.QuerySelector("#actions form[action*=AssignInvestigator]"));
        Assert.NotNull(accusedView.QuerySelector("#actions form[action*=Answer]"));

        var bad = await PressAsync(director, path, "AssignInvestigator", new() { ["InvestigatorUserName"] = "student" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("审计人员", (await Forms.ParseAsync(bad)).Errors(), StringComparison.Ordinal);
        var refused = await PressAsync(director, path, "AssignInvestigator", new() { ["InvestigatorUserName"] = "repair1" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("被追究人不能调查", (await Forms.ParseAsync(refused)).Text("#step-problem"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(director, path, "AssignInvestigator", new() { ["InvestigatorUserName"] = "auditor" })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(repair1, path, "Answer", new() { ["Answer"] = "我告诉了她该找谁。" })).StatusCode);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await PressAsync(auditor, path, "Decide", new() { ["Decision"] = "Upheld", ["Sanction"] = "Warning", ["Findings"] = "推诿属实。" })).StatusCode
        );
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(repair1, path, "Appeal", new() { ["Grounds"] = "处理过重。" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(director, path, "RuleAppeal", new() { ["Ruling"] = "DecisionStands", ["Reasons"] = "维持。" })).StatusCode);

        var (_, page) = await repair1.GetPageAsync(path);
        Assert.Equal("已结案", page.Text("#case-status"));
        Assert.Contains("警告", page.Text("#case-sanction"), StringComparison.Ordinal);
        Assert.Contains("维持原决定", page.Text("#case-ruling"), StringComparison.Ordinal);
        Assert.Equal(6, page.QuerySelectorAll("#timeline li a[href*='/proof']").Length);
        Assert.Null(page.QuerySelector("#actions"));
    }
}
