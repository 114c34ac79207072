using System.Net;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Tests.DeskPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>Intake's rate limits (QUALITY.md "rate limits", ADR 0013), on the manual clock.</summary>
public class IntakeLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestApp App, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Web)> StartAsync(int perUser, int perStaff, int perAddress)
    {
        var app = await TestApp.StartAsync(Beijing(11, 30, 10, 0));
        app.Configure("Houqin:RateLimits:IntakePerUserPerMinute", perUser.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Configure("Houqin:RateLimits:IntakePerStaffPerMinute", perStaff.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Configure("Houqin:RateLimits:IntakePerIpPerMinute", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (app, app.WithTestSignIn());
    }

    private static async Task<int> RequestsAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ServiceRequest>().CountAsync(Ct);
    }

    [Fact]
    public async Task A_requester_over_the_limit_gets_429_with_Retry_After_nothing_is_made_and_a_minute_later_it_goes_through()
    {
        var (app, web) = await StartAsync(perUser: 3, perStaff: 100, perAddress: 100);
        await using var running = app;
        var student = web.As("student");
        for (var i = 0; i < 3; i++)
        {
            await student.ReportAsync(key: $"k{i}").CreatedAsync();
        }

        var refused = await student.ReportAsync(key: "k3");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
        Assert.Equal("rate_limited", (await refused.JsonAsync()).Str("code"));
        Assert.Equal(3, await RequestsAsync(app));
        // Someone else is not held back by the student's limit.
        await web.As("teacher").ReportAsync().CreatedAsync();

        await web.AdvanceAsync("PT1M");
        await student.ReportAsync(key: "k3").CreatedAsync();
        Assert.Equal(5, await RequestsAsync(app));
    }

    [Fact]
    public async Task Retries_with_the_same_key_never_use_the_allowance_and_are_answered_even_over_the_limit()
    {
        var (app, web) = await StartAsync(perUser: 2, perStaff: 100, perAddress: 100);
        await using var running = app;
        var student = web.As("student");
        var first = (await student.ReportAsync(key: "k0").CreatedAsync()).Str("id");
        // The phone missed its answer and retries, again and again: each retry is the same request, and none counts.
        for (var i = 0; i < 3; i++)
        {
            var again = await student.ReportAsync(key: "k0");
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(first, (await again.JsonAsync()).Str("id"));
        }
        var second = (await student.ReportAsync(key: "k1").CreatedAsync()).Str("id");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await student.ReportAsync(key: "k2")).StatusCode);

        // Over the limit, a retry of a request already made is still answered with it; a new one still is not.
        var retry = await student.ReportAsync(key: "k1");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(second, (await retry.JsonAsync()).Str("id"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await student.ReportAsync(key: "k2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await student.ReportAsync()).StatusCode);
        Assert.Equal(2, await RequestsAsync(app));
    }

    [Fact]
    public async Task Staff_logging_calls_have_the_higher_staff_limit()
    {
        var (app, web) = await StartAsync(perUser: 1, perStaff: 4, perAddress: 100);
        await using var running = app;
        var frontdesk = web.As("frontdesk");
        for (var i = 0; i < 4; i++)
        {
            await frontdesk.ReportAsync(extra: new { channel = "Phone", caller = new { name = "赵老师", phone = "13800001111" } }).CreatedAsync();
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await frontdesk.ReportAsync(extra: new { channel = "Phone", caller = new { name = "赵老师", phone = "13800001111" } })).StatusCode);

        var student = web.As("student");
        await student.ReportAsync().CreatedAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await student.ReportAsync()).StatusCode);
        Assert.Equal(5, await RequestsAsync(app));
    }

    [Fact]
    public async Task One_address_is_limited_across_everyone_behind_it()
    {
        var (app, web) = await StartAsync(perUser: 100, perStaff: 100, perAddress: 3);
        await using var running = app;
        await web.As("student").ReportAsync().CreatedAsync();
        await web.As("teacher").ReportAsync().CreatedAsync();
        await web.As("student").ReportAsync().CreatedAsync();

        var refused = await web.As("teacher").ReportAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(3, await RequestsAsync(app));
    }

    [Fact]
    public async Task The_report_page_over_the_limit_answers_429_in_the_users_language_and_makes_nothing()
    {
        var (app, web) = await StartAsync(perUser: 1, perStaff: 100, perAddress: 100);
        await using var running = app;
        var student = web.As("student");
        Dictionary<string, string> Leak() => new() { ["Category"] = "water-leak", ["Room"] = "E-01-101", ["Description"] = "卫生间水管漏水", ["Urgency"] = "Normal" };
        Assert.Equal(HttpStatusCode.Redirect, (await student.PostFormAsync("/requests/new", "/requests/new", Leak())).StatusCode);

        var refused = await student.PostFormAsync("/requests/new", "/requests/new", Leak());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        var page = await Forms.ParseAsync(refused);
        Assert.Contains("提交的报修过多", page.Errors(), StringComparison.Ordinal);
        // What was typed stays.
        Assert.Equal("卫生间水管漏水", page.QuerySelector("#Description")!.TextContent.Trim());

        student.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var english = await Forms.ParseAsync(await student.PostFormAsync("/requests/new", "/requests/new", Leak()));
        Assert.Contains("Too many new requests", english.Errors(), StringComparison.Ordinal);
        Assert.Equal(1, await RequestsAsync(app));
    }

    [Fact]
    public async Task The_report_form_sent_again_leads_to_the_request_it_made_without_using_the_allowance_even_over_the_limit()
    {
        var (app, web) = await StartAsync(perUser: 2, perStaff: 100, perAddress: 100);
        await using var running = app;
        var student = web.As("student");
        Task<HttpResponseMessage> SendAsync(string key) =>
            student.PostFormAsync(
                "/requests/new",
                "/requests/new",
                new() { ["Category"] = "water-leak", ["Room"] = "E-01-101", ["Description"] = "卫生间水管漏水 " + key, ["Urgency"] = "Normal", ["Key"] = key }
            );
        async Task<string> GoesToAsync(string key)
        {
            var answer = await SendAsync(key);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            return answer.Headers.Location!.OriginalString;
        }

        var first = await GoesToAsync("form-one");
        // The answer was lost and the form sent again: the same request, and the minute's allowance is untouched.
        Assert.Equal(first, await GoesToAsync("form-one"));
        var second = await GoesToAsync("form-two");
        Assert.NotEqual(first, second);
        // Now at the limit: a form sent again still finds its request; a new one waits.
        Assert.Equal(second, await GoesToAsync("form-two"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync("form-three")).StatusCode);
        Assert.Equal(2, await RequestsAsync(app));
    }
}
