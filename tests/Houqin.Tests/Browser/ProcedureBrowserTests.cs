using Houqin.Tests.ProcedurePages;
using Microsoft.Playwright;

namespace Houqin.Tests.Browser;

/// <summary>The public consultation as people take part in it: a student comments on a clause from a phone, the office answers.</summary>
[Collection(BrowserCollection.Name)]
public class ProcedureBrowserTests(BrowserFixture browser)
{
    private static async Task<bool> FitsAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task A_student_comments_on_a_clause_from_a_phone_and_the_office_answers_it()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        factory.UseKestrel(0);
        factory.StartServer();
        Task<IPage> As(string user, ViewportSize size) =>
            browser.NewPageAsync(factory.ClientOptions.BaseAddress, size, headers: new Dictionary<string, string> { [TestSignIn.Header] = user });

        var student = await As("student", BrowserFixture.Phone);
        await student.GotoAsync("/");
        await student.GetByRole(AriaRole.Link, new() { Name = "工作规程" }).First.ClickAsync();
        await student.Locator("#in-consultation").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(student.Locator("#version-status")).ToHaveTextAsync("征求意见中");
        Assert.True(await FitsAsync(student));
        var clause = student.Locator("#clause-5");
        await clause.GetByLabel("对第5条的意见").FillAsync("建议回访时先发短信预约，避开上课时间。");
        await clause.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
        await Assertions.Expect(clause.Locator("li.comment")).ToHaveCountAsync(1);
        await Assertions.Expect(clause.Locator("li.comment")).ToContainTextAsync("避开上课时间");
        await Assertions.Expect(clause.Locator("li.comment .who")).ToHaveTextAsync("学生");
        await Assertions.Expect(clause.Locator("li.comment .answer")).ToHaveTextAsync("待处室答复");
        Assert.True(await FitsAsync(student));

        var director = await As("director", BrowserFixture.Desktop);
        await director.GotoAsync(await Rules.VersionPathAsync(app, 2) + "#clause-5");
        var comment = director.Locator("#clause-5 li.comment");
        await comment.Locator("summary").ClickAsync();
        await comment.GetByLabel("采纳", new() { Exact = true }).CheckAsync();
        await comment.GetByLabel("理由").FillAsync("回访前先短信预约，已写入第五条。");
        await comment.GetByRole(AriaRole.Button, new() { Name = "发布答复" }).ClickAsync();
        await Assertions.Expect(director.Locator("#clause-5 li.comment .answer .tag")).ToHaveTextAsync("采纳");

        await student.ReloadAsync();
        await Assertions.Expect(clause.Locator("li.comment .answer")).ToContainTextAsync("采纳");
        await Assertions.Expect(clause.Locator("li.comment .answer")).ToContainTextAsync("已写入第五条");
    }
}
