using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Account;

public class SignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Student_signs_in_with_a_password_and_gets_an_http_only_session_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();

        var response = await browser.SignInAsync("student", Accounts.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("houqin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal("student", me.GetProperty("userName").GetString());
        Assert.Equal(1, await app.AuditCountAsync("account.signed_in"));
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_host_prefixed_and_secure()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser(https: true);

        var response = await browser.SignInAsync("student", Accounts.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains("houqin=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-houqin=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();

        var wrongPassword = await browser.SignInAsync("student", "not-the-password");
        var unknownUser = await browser.SignInAsync("nobody-here", "not-the-password");

        Assert.Equal((HttpStatusCode)422, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownUser.StatusCode);
        var a = await wrongPassword.HtmlAsync();
        var b = await unknownUser.HtmlAsync();
        Assert.Contains("用户名或密码错误", a, StringComparison.Ordinal);
        Assert.Contains("用户名或密码错误", b, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("houqin=", StringComparison.Ordinal)));
        Assert.Equal(2, await app.AuditCountAsync("account.sign_in_failed"));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();
        await app.CreateUserAsync("locker", Roles.Requester);

        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal((HttpStatusCode)422, (await browser.SignInAsync("locker", "wrong-" + i)).StatusCode);
        }
        var fifth = await browser.SignInAsync("locker", "wrong-5");
        var right = await browser.SignInAsync("locker");

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("登录失败次数过多", await right.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(1, await app.AuditCountAsync("account.locked_out"));
    }

    [Fact]
    public async Task Unknown_user_names_lock_out_after_five_failures_like_real_ones()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();

        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal((HttpStatusCode)422, (await browser.SignInAsync("ghost", "wrong-" + i)).StatusCode);
        }
        var fifth = await browser.SignInAsync("ghost", "wrong-5");

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Contains("登录失败次数过多", await fifth.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_url_is_followed_only_when_it_is_local()
    {
        await using var app = await TestApp.StartAsync();
        using (var browser = app.Browser())
        {
            var local = await browser.SignInAsync("student", Accounts.DemoPassword, "/Account/Tokens");
            Assert.Equal("/Account/Tokens", local.Headers.Location?.OriginalString);
        }
        using (var browser = app.Browser())
        {
            var foreign = await browser.SignInAsync("student", Accounts.DemoPassword, "https://evil.example/");
            Assert.Equal("/", foreign.Headers.Location?.OriginalString);
        }
        using (var browser = app.Browser())
        {
            var protocolRelative = await browser.SignInAsync("student", Accounts.DemoPassword, "//evil.example/");
            Assert.Equal("/", protocolRelative.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task A_protected_page_sends_an_anonymous_visitor_to_sign_in()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();

        var response = await browser.GetAsync("/Account/Tokens", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn?ReturnUrl=", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_htmx_request_without_a_session_is_told_to_move_the_whole_page_to_sign_in()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();
        browser.DefaultRequestHeaders.Add("HX-Request", "true");

        var response = await browser.GetAsync("/Account/Tokens", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", response.Headers.GetValues("HX-Redirect").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_kills_the_session_even_for_a_copied_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();
        var signIn = await browser.SignInAsync("student", Accounts.DemoPassword);
        var cookie = SessionCookie(signIn);

        var signOut = await browser.SubmitAsync("/Account/SignOut", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var thief = app.CreateClient();
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(1, await app.AuditCountAsync("account.signed_out"));
        Assert.Equal(0, await app.WithServiceAsync<int, AppDbContext>(db => db.Set<Features.Account.AccountSession>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Signing_in_again_starts_a_new_session_and_ends_the_old_one()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();
        var first = SessionCookie(await browser.SignInAsync("student", Accounts.DemoPassword));

        var second = SessionCookie(await browser.SignInAsync("student", Accounts.DemoPassword));

        Assert.NotEqual(first, second);
        using var old = app.CreateClient();
        old.DefaultRequestHeaders.Add("Cookie", first);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/me", Ct)).StatusCode);
        using var current = app.CreateClient();
        current.DefaultRequestHeaders.Add("Cookie", second);
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_session_survives_the_security_stamp_check_and_ends_after_eight_idle_hours()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();
        await browser.SignInAsync("student", Accounts.DemoPassword);
        var clock = app.Services.GetRequiredService<ManualClock>();

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);

        clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_loses_their_session_at_the_next_request()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("soon-gone", Roles.Staff);
        using var browser = app.Browser();
        await browser.SignInAsync("soon-gone");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);

        await app.UpdateUserAsync("soon-gone", u => u.Disabled = true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal((HttpStatusCode)422, (await browser.SignInAsync("soon-gone")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_page_is_in_Chinese_by_default_and_English_on_request()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();

        var zh = await (await browser.GetAsync("/Account/SignIn", Ct)).HtmlAsync();
        var en = await (await browser.GetAsync("/Account/SignIn?culture=en-US&ui-culture=en-US", Ct)).HtmlAsync();

        Assert.Contains("用户名", zh, StringComparison.Ordinal);
        Assert.Contains("id=\"UserName\"", zh, StringComparison.Ordinal);
        Assert.Contains("id=\"Password\"", zh, StringComparison.Ordinal);
        Assert.Contains("type=\"submit\"", zh, StringComparison.Ordinal);
        Assert.Contains("User name", en, StringComparison.Ordinal);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("houqin=", StringComparison.Ordinal)).Split(';')[0];
}

internal static class AuditQueries
{
    public static Task<int> AuditCountAsync(this TestApp app, string action) =>
        app.WithServiceAsync<int, AppDbContext>(db =>
            db.Set<AuditEvent>().CountAsync(e => e.Action == action, TestContext.Current.CancellationToken)
        );
}
