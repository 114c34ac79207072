using System.Net;
using Houqin.Tests.DeskPages;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ProcedurePages;

/// <summary>From a closed consultation to the meeting's approval, through the version page's forms.</summary>
public class ApprovalPageTests
{
    [Fact]
    public async Task The_director_submits_once_answered_and_the_principals_office_approves_with_its_record()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var path = await Rules.VersionPathAsync(app, 2);
        var director = web.As("director");
        await web.AdvanceAsync("P15D");

        // The student's comment still waits for an answer: the meeting gets nothing half-answered.
        var early = await director.PostFormAsync(path, path + "?handler=Submit", []);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("还有意见未答复", (await Forms.ParseAsync(early)).Text("#step-problem"), StringComparison.Ordinal);
        var (_, page) = await director.GetPageAsync(path);
        var commentId = page.QuerySelector("#clause-3 li.comment")!.Id!["comment-".Length..];
        var answered = await director.PostFormAsync(path, path + "?handler=Answer", new() { ["CommentId"] = commentId, ["Outcome"] = "NotAdopted", ["Reason"] = "夜间由值班人员处理，承诺另有规定。" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostFormAsync(path, path + "?handler=Submit", [])).StatusCode);
        var (_, submitted) = await web.As("principal-office").GetPageAsync(path);
        Assert.Equal("已提交校长办公会", submitted.Text("#version-status"));
        Assert.NotNull(submitted.QuerySelector("#approve-form"));

        var office = web.As("principal-office");
        var fields = new Dictionary<string, string>
        {
            ["MeetingDate"] = "2026-12-15",
            ["MinutesRef"] = "",
            ["ResolutionNo"] = "校办决〔2026〕40号",
            ["EffectiveAt"] = "2027-01-01T00:00",
        };
        var missing = await office.PostFormAsync(path, path + "?handler=Approve", new(fields));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("请填写会议纪要编号", (await Forms.ParseAsync(missing)).Text("#approve-form"), StringComparison.Ordinal);
        fields["MinutesRef"] = "校办会纪要〔2026〕21号";
        fields["EffectiveAt"] = "2026-12-01T00:00";
        var past = await office.PostFormAsync(path, path + "?handler=Approve", new(fields));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("不能早于现在", (await Forms.ParseAsync(past)).Text("#approve-form"), StringComparison.Ordinal);

        fields["EffectiveAt"] = "2027-01-01T00:00";
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(path, path + "?handler=Approve", new(fields))).StatusCode);
        var (_, published) = await web.ClientAs(null).GetPageAsync(path);
        Assert.Equal("已批准，待施行", published.Text("#version-status"));
        Assert.Contains("校办会纪要〔2026〕21号", published.Text("#approval"), StringComparison.Ordinal);
        Assert.Equal("2027年1月1日 00:00", published.Text("#effective-at"));
        Assert.Contains("不采纳", published.Text("#clause-3 .answer"), StringComparison.Ordinal);
        Assert.Empty(published.QuerySelectorAll("main form"));
    }
}
