using System.Net;
using Houqin.Tests.DeskPages;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ProcedurePages;

/// <summary>The version page's forms as a browser without JavaScript posts them: comment, answer, parameters, steps.</summary>
public class FormTests
{
    [Fact]
    public async Task A_students_comment_on_a_clause_shows_up_as_a_students_and_the_office_answers_it()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var path = await Rules.VersionPathAsync(app, 2);
        var student = web.As("student");

        var empty = await student.PostFormAsync(path, path + "?handler=Comment", new() { ["Clause"] = "2", ["CommentText"] = "  " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("请填写意见", (await Forms.ParseAsync(empty)).Text("#comment-form-2"), StringComparison.Ordinal);

        var posted = await student.PostFormAsync(path, path + "?handler=Comment", new() { ["Clause"] = "2", ["CommentText"] = "希望转交时通知报修人。" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(path + "#clause-2", posted.Headers.Location!.OriginalString);
        var (_, page) = await web.ClientAs(null).GetPageAsync(path);
        var comment = page.QuerySelector("#clause-2 li.comment")!;
        Assert.Contains("希望转交时通知报修人。", comment.TextContent, StringComparison.Ordinal);
        Assert.Equal("学生", comment.QuerySelector(".who")!.TextContent.Trim());

        // Only the director (or the named clerk) answers; the answer is published beside the comment.
        var (_, water) = await web.As("water1").GetPageAsync(path);
        Assert.Empty(water.QuerySelectorAll("form[action*='handler=Answer']"));
        var commentId = comment.Id!["comment-".Length..];
        var answered = await web.As("director")
            .PostFormAsync(path, path + "?handler=Answer", new() { ["CommentId"] = commentId, ["Outcome"] = "PartlyAdopted", ["Reason"] = "转交时短信通知报修人，不另设电话通知。" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var (_, after) = await web.ClientAs(null).GetPageAsync(path);
        var answer = after.QuerySelector($"#comment-{commentId} .answer")!;
        Assert.Contains("部分采纳", answer.TextContent, StringComparison.Ordinal);
        Assert.Contains("转交时短信通知报修人", answer.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_parameter_value_is_a_422_in_the_users_language_and_a_good_one_is_saved()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var path = await Rules.VersionPathAsync(app, 2);
        var director = web.As("director");
        const string Key = "procurement.tenderThreshold";

        var bad = await director.PostFormAsync(path, path + "?handler=Parameter", new() { ["Key"] = Key, ["Amount"] = "1000.005" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var page = await Forms.ParseAsync(bad);
        Assert.Contains("请输入以元为单位的金额", page.Text($"tr[data-key='{Key}'] + tr.param-form"), StringComparison.Ordinal);
        Assert.Equal("¥1,000.00", page.Text($"tr[data-key='{Key}'] .value"));

        director.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var english = await director.PostFormAsync(path, path + "?handler=Parameter", new() { ["Key"] = "serviceDesk.returnVisit.atOrBelowRating", ["Amount"] = "9" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, english.StatusCode);
        Assert.Contains("Enter a whole number from 0 to 5.", (await Forms.ParseAsync(english)).Body!.TextContent, StringComparison.Ordinal);

        var good = await director.PostFormAsync(path, path + "?handler=Parameter", new() { ["Key"] = "serviceDesk.autoConfirm.after", ["Amount"] = "5", ["Per"] = "D" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var (_, saved) = await web.ClientAs(null).GetPageAsync(path);
        Assert.Equal("5 天", saved.Text("tr[data-key='serviceDesk.autoConfirm.after'] .value"));

        // Staff other than the director or the clerk get no forms, and a post from them changes nothing.
        var (_, water) = await web.As("water1").GetPageAsync(path);
        Assert.Empty(water.QuerySelectorAll("form[action*='handler=Parameter']"));
        var refused = await web.As("water1").PostFormAsync(path, path + "?handler=Parameter", new() { ["Key"] = Key, ["Amount"] = "2000" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("¥1,000.00", (await web.ClientAs(null).GetPageAsync(path)).Page.Text($"tr[data-key='{Key}'] .value"));
    }

    [Fact]
    public async Task The_director_adds_a_clause_to_a_draft_and_drafts_the_next_version_only_when_none_is_open()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await Rules.SeedDraftAsync(app);
        var draft = $"/procedures/{id}/v/1";
        var director = web.As("director");

        var added = await director.PostFormAsync(draft, draft + "?handler=Clause", new() { ["Clause"] = "2", ["Heading"] = "报修方式", ["ClauseHtml"] = "<p>宿舍报修<script>alert(1)</script>一律网上登记。</p>" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, page) = await director.GetPageAsync(draft);
        Assert.Contains("一律网上登记", page.Text("#clause-2"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#clause-2 script"));
        Assert.NotNull(page.QuerySelector("#add-clause input[name='Clause'][value='3']"));

        // The rules' version 2 is still in consultation: no third version while it is open.
        var rules = await Rules.VersionPathAsync(app, 1);
        var (_, inForce) = await director.GetPageAsync(rules);
        Assert.NotNull(inForce.QuerySelector("#next form"));
        var refused = await director.PostFormAsync(rules, rules + "?handler=NewDraft", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("已有一个版本在起草或审议中", (await Forms.ParseAsync(refused)).Text("#step-problem"), StringComparison.Ordinal);
        var (_, staff) = await web.As("water1").GetPageAsync(rules);
        Assert.Null(staff.QuerySelector("#next"));
    }
}

