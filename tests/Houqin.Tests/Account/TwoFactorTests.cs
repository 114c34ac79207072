using System.Net;
using System.Text.RegularExpressions;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Identity;

namespace Houqin.Tests.Account;

public partial class TwoFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finance_signs_in_with_password_then_code()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("money", Roles.Finance, twoFactor: true);
        using var browser = app.Browser();

        var password = await browser.SignInAsync("money");

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/Account/SignIn/Code", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);

        var code = await browser.EnterCodeAsync(app.Code());

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/", code.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_code_works_only_once()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("money", Roles.Finance, twoFactor: true);
        var code = app.Code();
        using (var first = app.Browser())
        {
            await first.SignInAsync("money");
            Assert.Equal(HttpStatusCode.Redirect, (await first.EnterCodeAsync(code)).StatusCode);
        }
        using var second = app.Browser();
        await second.SignInAsync("money");

        var replay = await second.EnterCodeAsync(code);

        Assert.Equal((HttpStatusCode)422, replay.StatusCode);
        Assert.Contains("验证码错误或已使用过", await replay.HtmlAsync(), StringComparison.Ordinal);
        app.NextTimeStep();
        Assert.Equal(HttpStatusCode.Redirect, (await second.EnterCodeAsync(app.Code())).StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_counts_towards_lockout()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("money", Roles.Finance, twoFactor: true);
        using var browser = app.Browser();
        await browser.SignInAsync("money");

        var wrong = await browser.EnterCodeAsync("000000" == app.Code() ? "111111" : "000000");

        Assert.Equal((HttpStatusCode)422, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        var failures = await app.WithServiceAsync<int, UserManager<User>>(async users =>
            await users.GetAccessFailedCountAsync((await users.FindByNameAsync("money"))!)
        );
        Assert.Equal(1, failures);
    }

    [Fact]
    public async Task The_code_page_without_a_password_step_sends_back_to_sign_in()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();

        var response = await browser.GetAsync("/Account/SignIn/Code", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_that_requires_two_factor_must_enrol_before_it_gets_a_session()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("new-admin", Roles.Admin);
        using var browser = app.Browser();

        var password = await browser.SignInAsync("new-admin");

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/Account/TwoFactor", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        var page = await (await browser.GetAsync("/Account/TwoFactor", Ct)).HtmlAsync();
        var key = KeyOnPage().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEmpty(key);
        Assert.DoesNotMatch(InlineScript(), page);

        var enrol = await browser.SubmitAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = app.Code(key) });

        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        var enabled = await app.WithServiceAsync<bool, UserManager<User>>(async users =>
            (await users.FindByNameAsync("new-admin"))!.TwoFactorEnabled
        );
        Assert.True(enabled);
        Assert.Equal(1, await app.AuditCountAsync("account.two_factor_enrolled"));
    }

    [Fact]
    public async Task An_enrolled_user_cannot_reach_enrolment_with_the_password_alone()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("money", Roles.Finance, twoFactor: true);
        using var browser = app.Browser();
        await browser.SignInAsync("money");

        var response = await browser.GetAsync("/Account/TwoFactor", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("<code id=\"Key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex KeyOnPage();

    /// <summary>A script element without a src: inline code the CSP would refuse anyway.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
