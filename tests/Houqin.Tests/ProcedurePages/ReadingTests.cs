using System.Net;
using Houqin.Tests.DeskPages;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ProcedurePages;

/// <summary>Reading procedures: the list, a version with its clauses, parameters and comments, the diff; the portal without signing in.</summary>
public class ReadingTests
{
    [Fact]
    public async Task The_list_shows_what_is_in_force_and_in_consultation_to_anyone_and_drafts_only_to_the_office()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var draft = await Rules.SeedDraftAsync(app);

        var (anonymous, list) = await web.ClientAs(null).GetPageAsync("/procedures");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Contains("总务后勤工作规程", list.Text("#in-force"), StringComparison.Ordinal);
        Assert.Contains("第 1 版", list.Text("#in-force"), StringComparison.Ordinal);
        Assert.Contains("自 2026年3月1日 00:00 起施行", list.Text("#in-force"), StringComparison.Ordinal);
        Assert.Contains("第 2 版", list.Text("#in-consultation"), StringComparison.Ordinal);
        Assert.Contains("征求意见截止：" + await Rules.ClosesAtAsync(app), list.Text("#in-consultation"), StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("#drafts"));
        Assert.DoesNotContain("宿舍维修管理规程", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("宿舍维修管理规程", (await web.As("student").GetPageAsync("/procedures")).Page.Body!.TextContent, StringComparison.Ordinal);

        var (_, staffList) = await web.As("water1").GetPageAsync("/procedures");
        Assert.Contains("宿舍维修管理规程", staffList.Text("#drafts"), StringComparison.Ordinal);

        // A draft is a 404 to all but the office's staff, and so is a diff that reaches into it.
        var path = $"/procedures/{draft}/v/1";
        Assert.Equal(HttpStatusCode.NotFound, (await web.ClientAs(null).GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("student").GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("teacher").GetAsync($"/procedures/{draft}/diff?from=1&to=1", TestContext.Current.CancellationToken)).StatusCode);
        var (staff, staffPage) = await web.As("water1").GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Equal("草稿", staffPage.Text("#version-status"));
    }

    [Fact]
    public async Task The_version_in_force_reads_without_signing_in_with_its_approval_and_parameters_in_words()
    {
        var (app, web) = await StartAsync();
        await using var running = app;

        var (response, page) = await web.ClientAs(null).GetPageAsync(await Rules.VersionPathAsync(app, 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("现行有效", page.Text("#version-status"));
        Assert.Contains("2026年2月27日", page.Text("#approval"), StringComparison.Ordinal);
        Assert.Contains("校办会纪要〔2026〕3号", page.Text("#approval"), StringComparison.Ordinal);
        Assert.Contains("校办决〔2026〕12号", page.Text("#approval"), StringComparison.Ordinal);
        Assert.Equal("2026年3月1日 00:00", page.Text("#effective-at"));
        Assert.Equal(7, page.QuerySelectorAll("article.clause").Length);
        Assert.Contains("首问负责制", page.Text("#clause-2 h3"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#clause-2 .clause-text strong"));
        Assert.Equal("¥1,000.00", page.Text("tr[data-key='procurement.tenderThreshold'] .value"));
        Assert.Equal("7 天", page.Text("tr[data-key='serviceDesk.autoConfirm.after'] .value"));
        Assert.Equal("5 个工作日", page.Text("tr[data-key='serviceDesk.complaint.answerWithin'] .value"));
        Assert.Equal("10 分钟", page.Text("tr[data-key='serviceDesk.handOff.acceptWithin'] .value"));
        Assert.Equal("3 个工作日", page.Text("tr[data-key='serviceDesk.commitments.default.normal.resolve'] .value"));
        // Nothing to press for a visitor, and nothing to change on a published version.
        Assert.Empty(page.QuerySelectorAll("main form"));
        var (_, director) = await web.As("director").GetPageAsync(await Rules.VersionPathAsync(app, 1));
        // For the director only the revision: drafting the next version from this one.
        Assert.Contains("handler=NewDraft", Assert.Single(director.QuerySelectorAll("main form")).GetAttribute("action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_consultation_shows_comments_by_what_the_author_is_never_by_name()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var path = await Rules.VersionPathAsync(app, 2);

        var (response, page) = await web.ClientAs(null).GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("征求意见中", page.Text("#version-status"));
        Assert.Equal(await Rules.ClosesAtAsync(app), page.Text("#closes-at"));
        var comment = page.QuerySelector("#clause-3 li.comment")!;
        Assert.Contains("宿舍晚上报修最多", comment.TextContent, StringComparison.Ordinal);
        Assert.Equal("学生", comment.QuerySelector(".who")!.TextContent.Trim());
        Assert.Contains("待处室答复", comment.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await Rules.DisplayNameAsync(app, "student"), page.Body!.TextContent, StringComparison.Ordinal);
        // A visitor is asked to sign in to comment; a signed-in student gets a form per clause.
        Assert.NotNull(page.QuerySelector("#sign-in-to-comment"));
        Assert.Empty(page.QuerySelectorAll("form.comment-form"));
        var (_, student) = await web.As("student").GetPageAsync(path);
        Assert.Equal(8, student.QuerySelectorAll("form.comment-form").Length);
    }

    [Fact]
    public async Task The_diff_shows_the_changed_words_of_a_clause_and_the_changed_parameters_side_by_side()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await Rules.IdAsync(app);

        var (response, page) = await web.ClientAs(null).GetPageAsync($"/procedures/{id}/diff?from=1&to=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = page.QuerySelector("article[data-clause='3']")!;
        Assert.Equal("Changed", changed.GetAttribute("data-change"));
        Assert.Contains("工作时间内报修的，4 个工作小时内到场", string.Concat(changed.QuerySelectorAll(".after ins").Select(e => e.TextContent)), StringComparison.Ordinal);
        Assert.Empty(changed.QuerySelectorAll(".before del"));
        Assert.Equal("Added", page.QuerySelector("article[data-clause='8']")!.GetAttribute("data-change"));
        Assert.Equal("Same", page.QuerySelector("article[data-clause='2']")!.GetAttribute("data-change"));
        var arrive = page.QuerySelector("#parameter-diff tr[data-key='serviceDesk.commitments.default.normal.arrive']")!;
        Assert.Equal("1 个工作日", arrive.QuerySelector(".before")!.TextContent.Trim());
        Assert.Equal("4 个工作小时", arrive.QuerySelector(".after")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("#parameter-diff tbody tr.change-changed"));
        Assert.Equal(HttpStatusCode.NotFound, (await web.ClientAs(null).GetAsync($"/procedures/{id}/diff?from=1&to=9", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_version_reads_in_English_with_the_en_US_culture()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var client = web.ClientAs(null);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var (_, page) = await client.GetPageAsync(await Rules.VersionPathAsync(app, 1));

        Assert.Equal("In force", page.Text("#version-status"));
        Assert.Equal("7 days", page.Text("tr[data-key='serviceDesk.autoConfirm.after'] .value"));
        Assert.Equal("10 minutes", page.Text("tr[data-key='serviceDesk.handOff.acceptWithin'] .value"));
        Assert.Contains("February 27, 2026", page.Text("#approval"), StringComparison.Ordinal);
    }
}
