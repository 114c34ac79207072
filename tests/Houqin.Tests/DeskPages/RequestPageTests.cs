using System.Net;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

public class RequestPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Another_persons_request_is_a_404_page_and_the_team_sees_it()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var path = $"/requests/{r.Id()}";

        var (other, otherPage) = await web.As("student2").GetPageAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(r.Str("number"), otherPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("repair1").GetAsync(path, Ct)).StatusCode);
        // Posting a step to a request you cannot see is a 404 too, and changes nothing.
        var step = await web.As("repair1").PostFormAsync("/requests/new", path + "?handler=Acknowledge", []);
        Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
        Assert.Equal("Submitted", (await web.As("student").GetRequestAsync(r)).Str("status"));

        var (team, teamPage) = await web.As("water1").GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        // water1 sees the request but is not on it: no buttons to press.
        Assert.Null(teamPage.QuerySelector("#actions"));
    }

    [Fact]
    public async Task The_request_page_speaks_English_with_the_en_US_culture()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        await web.As("water2").StepAsync(r, "acknowledge");
        student.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var (_, page) = await student.GetPageAsync($"/requests/{r.Id()}");

        Assert.Equal("en-US", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Acknowledged", page.Text("#request-status"));
        Assert.Contains("Water · Leak", page.Text("#request-category"), StringComparison.Ordinal);
        Assert.Contains("November 30, 2026 10:30", page.Text("#commitments"), StringComparison.Ordinal);
        Assert.Contains("reported the problem", page.Text("#timeline"), StringComparison.Ordinal);
        Assert.Contains("acknowledged the request", page.Text("#timeline"), StringComparison.Ordinal);
        Assert.Contains("Our commitments", page.Text("#commitments h2"), StringComparison.Ordinal);
        var (_, form) = await student.GetPageAsync("/requests/new");
        Assert.Equal("Report a problem", form.Text("h1"));
    }

    [Fact]
    public async Task Completing_without_a_method_is_422_in_the_users_language_and_a_stale_step_is_a_409_with_a_message()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var water2 = web.As("water2");
        var path = $"/requests/{r.Id()}";
        Assert.Equal(HttpStatusCode.Redirect, (await water2.PostFormAsync(path, path + "?handler=Acknowledge", [])).StatusCode);

        var twice = await water2.PostFormAsync(path, path + "?handler=Acknowledge", []);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("报修状态已经变化", (await Forms.ParseAsync(twice)).Text("#step-problem"), StringComparison.Ordinal);

        await water2.PostFormAsync(path, path + "?handler=Arrive", []);
        var noMethod = await water2.PostFormAsync(path, path + "?handler=Complete", new() { ["Result"] = "好了" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noMethod.StatusCode);
        var page = await Forms.ParseAsync(noMethod);
        Assert.Contains("请填写维修方法", page.Errors(), StringComparison.Ordinal);
        Assert.Equal("好了", page.QuerySelector("#Result")!.TextContent.Trim());
        Assert.Equal("OnSite", (await water2.GetRequestAsync(r)).Str("status"));
    }

    [Fact]
    public async Task Every_timeline_action_has_words_in_both_languages_and_an_unknown_one_shows_its_code()
    {
        string[] actions =
        [
            "submitted", "logged", "acknowledged", "handed_off", "handoff_accepted", "handoff_declined", "escalated", "arrived", "paused",
            "resumed", "extension_requested", "extension_approved", "extension_rejected", "completed", "completion_rejected", "confirmed",
            "auto_confirmed", "referred", "referral_helped", "overdue", "rated", "self_evaluated", "complaint_filed", "return_visit_recorded",
            "photo_added",
        ];
        foreach (var culture in new[] { "zh-CN", "en-US" })
        {
            var text = Localizer(culture);
            foreach (var a in actions)
            {
                var sentence = Features.ServiceDesk.Pages.DeskWords.Sentence(text, "service_request." + a, "张师傅");
                Assert.DoesNotContain("service_request.", sentence, StringComparison.Ordinal);
            }
            Assert.Contains("service_request.teleported", Features.ServiceDesk.Pages.DeskWords.Sentence(text, "service_request.teleported", "x"), StringComparison.Ordinal);
        }
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer Localizer(string culture)
    {
        var factory = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions { ResourcesPath = "Resources" }),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance
        );
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        return factory.Create(typeof(Features.ServiceDesk.ServiceDeskText));
    }
}
