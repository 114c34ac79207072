using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Data.Common;
using Houqin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Houqin.Tests.Account;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Security;

public class ShellSecurityTests
{
    private const string StrictPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/SignIn")]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(StrictPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Only_the_api_reference_page_relaxes_the_script_policy()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var reference = await client.GetAsync("/api", Ct);
        var api = await client.GetAsync("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("script-src 'self' 'unsafe-inline'", Header(reference, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", Header(reference, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal(StrictPolicy, Header(api, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        foreach (var path in new[] { "/Account/SignIn", "/Error/404", "/no-such-page" })
        {
            var html = await (await client.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);
            Assert.Contains("<html", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=\"", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Api_errors_are_problem_json_with_a_stable_code()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        using var signedIn = app.CreateClient().WithBearer(await app.TokenAsync("student", password: Accounts.DemoPassword));

        var notFound = await client.GetAsync("/api/v1/no-such-thing", Ct);
        var wrongMethod = await signedIn.PutAsync("/api/v1/me", JsonContent.Create(new { }), Ct);
        var anonymous = await client.GetAsync("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("not_found", await notFound.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("method_not_allowed", await wrongMethod.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("unauthenticated", await anonymous.ProblemCodeAsync());
    }

    [Fact]
    public async Task A_forbidden_api_call_is_a_403_problem()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient().WithBearer(await app.TokenAsync("student", password: Accounts.DemoPassword));

        var response = await client.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_unhandled_api_exception_is_a_500_problem_with_a_trace_id_and_no_stack_trace()
    {
        await using var app = await TestApp.StartAsync();
        await using var failing = app.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s =>
            {
                s.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(new BrokenPostAssignments()));
                s.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(new BrokenPostAssignments()));
            })
        );
        var token = await app.TokenAsync("student", password: Accounts.DemoPassword);
        using var client = failing.CreateClient().WithBearer(token);

        var response = await client.GetAsync("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal_error", await response.ProblemCodeAsync());
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("traceId", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("BrokenPostAssignments", body, StringComparison.Ordinal);
        Assert.Equal(StrictPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task A_missing_page_shows_the_Chinese_404_page()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/no-such-page", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在", await response.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_for_administrators_only()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("ops", Roles.Admin, twoFactor: true);
        using var anonymous = app.Browser();
        using var admin = app.CreateClient().WithBearer(await app.TokenAsync("ops", twoFactor: true));
        await admin.GetAsync("/api/v1/me", Ct);

        var denied = await anonymous.GetAsync("/metrics", Ct);
        var allowed = await admin.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/SignIn", denied.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("http_server_request_duration", await allowed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_is_public_and_lists_the_account_api()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/auth/tokens", out _));
        var bearer = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address_with_retry_after()
    {
        await using var app = await TestApp.StartAsync();
        app.Configure("Houqin:RateLimits:SignInPerMinute", "3");
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.IssueTokenAsync("someone-" + i, "wrong-password")).StatusCode);
        }
        var limited = await client.IssueTokenAsync("someone-else", "wrong-password");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate_limited", await limited.ProblemCodeAsync());
        Assert.NotNull(limited.Headers.RetryAfter);
        using var browser = app.Browser();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.SignInAsync("student", Accounts.DemoPassword)).StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var v) ? string.Join(", ", v) : "";

    /// <summary>Makes the query for a user's posts (part of <c>/api/v1/me</c>) blow up.</summary>
    private sealed class BrokenPostAssignments : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default
        ) =>
            command.CommandText.Contains("post_assignments", StringComparison.Ordinal)
                ? throw new InvalidOperationException("secret detail")
                : ValueTask.FromResult(result);
    }
}
