using System.Net;
using Houqin.Tests.Security;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>
/// ADR 0033 on the pages: a form or query holding a control character (NUL above all, which PostgreSQL cannot store)
/// brings the page back with 422 and the reason in the reader's language; the post's handler never runs.
/// </summary>
public class ControlCharacterPageTests
{
    private const string Chinese = "不可见控制字符";
    private const string English = "invisible control character";

    [Fact]
    public async Task A_report_with_NUL_in_its_description_comes_back_422_with_the_form_and_the_message_and_nothing_is_made()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var before = await ControlCharacterTests.CountsAsync(web);
        var fields = new Dictionary<string, string>
        {
            ["Category"] = "water-leak",
            ["Room"] = "E-01-101",
            ["Description"] = "卫生间\0漏水",
            ["Urgency"] = "Normal",
        };

        var response = await student.PostFormAsync("/requests/new", "/requests/new", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains(Chinese, page.Errors(), StringComparison.Ordinal);
        // The report form itself, to fill in again.
        Assert.True(page.QuerySelector("main form textarea[name=Description]") is not null, page.QuerySelector("main")?.OuterHtml);
        Assert.Equal(before, await ControlCharacterTests.CountsAsync(web));
    }

    [Fact]
    public async Task In_English_the_message_is_English()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var fields = new Dictionary<string, string>
        {
            ["Category"] = "water-leak",
            ["Room"] = "E-01-101",
            ["Description"] = "leak\u001b[2J",
            ["Urgency"] = "Normal",
        };

        var response = await web.As("student").PostFormAsync("/requests/new?culture=en-US", "/requests/new?culture=en-US", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(English, (await Forms.ParseAsync(response)).Errors(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_with_NUL_in_its_reason_comes_back_422_on_the_request_page_and_the_request_is_unchanged()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var water2 = web.As("water2");
        var r = await water2.GetRequestAsync(await web.As("student").ReportAsync().CreatedAsync());
        var path = $"/requests/{r.Id()}";
        var before = await ControlCharacterTests.CountsAsync(web);

        var handOff = await water2.PostFormAsync(path, $"{path}?handler=HandOff", new() { ["ToUserName"] = "water1", ["Reason"] = "我在\0处理停电" });
        var escalate = await water2.PostFormAsync(path, $"{path}?handler=Escalate", new() { ["Reason"] = "联系不上\0" });

        foreach (var response in new[] { handOff, escalate })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var page = await Forms.ParseAsync(response);
            Assert.Contains(Chinese, page.Errors(), StringComparison.Ordinal);
            // The request's page, its actions there to try again.
            Assert.Equal(r.Str("number"), page.Text("#request-number"));
        }
        Assert.Equal(before, await ControlCharacterTests.CountsAsync(web));
        var after = await water2.GetRequestAsync(r);
        Assert.Equal(0, after.Level());
        Assert.Equal(r.Timeline(), after.Timeline());
    }

    [Theory]
    [InlineData("/desk?q=%E6%BC%8F%00")]
    [InlineData("/requests?q=a%00&found=%25")]
    [InlineData("/desk?followups=%00")]
    public async Task A_search_or_cursor_with_NUL_in_the_query_is_answered_422_with_the_message(string url)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var user = url.StartsWith("/desk", StringComparison.Ordinal) ? "water1" : "student";

        var (response, page) = await web.As(user).GetPageAsync(url);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(Chinese, page.Errors(), StringComparison.Ordinal);
    }
}
