using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Account;

public class TokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_is_issued_used_listed_and_revoked()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var issue = await client.IssueTokenAsync("student", Accounts.DemoPassword);

        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        var body = await issue.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = body.GetProperty("token").GetString()!;
        Assert.True(body.GetProperty("expiresAt").GetDateTime() > TestApp.DefaultStart.UtcDateTime);
        using var bearer = app.CreateClient().WithBearer(token);
        var me = await bearer.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal("student", me.GetProperty("userName").GetString());
        Assert.Equal("李同学", me.GetProperty("displayName").GetString());
        Assert.Equal([Roles.Requester], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(me.GetProperty("posts").EnumerateArray());

        var list = await bearer.GetFromJsonAsync<JsonElement>("/api/v1/auth/tokens", Ct);
        var listed = Assert.Single(list.EnumerateArray());
        var id = listed.GetProperty("id").GetString();
        Assert.DoesNotContain(token, list.GetRawText(), StringComparison.Ordinal);

        var revoke = await bearer.DeleteAsync($"/api/v1/auth/tokens/{id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var after = await bearer.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("unauthenticated", await after.ProblemCodeAsync());
        Assert.Equal(1, await app.AuditCountAsync("api_token.issued"));
        Assert.Equal(1, await app.AuditCountAsync("api_token.revoked"));
    }

    [Fact]
    public async Task Only_the_hash_of_a_token_is_stored()
    {
        await using var app = await TestApp.StartAsync();
        var token = await app.TokenAsync("student", password: Accounts.DemoPassword);

        var rows = await app.WithServiceAsync<List<ApiToken>, AppDbContext>(db => db.Set<ApiToken>().ToListAsync(Ct));

        var row = Assert.Single(rows);
        Assert.Equal(ApiToken.HashOf(token), row.Hash);
        Assert.DoesNotContain(token["hq_".Length..], row.Hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_factor_accounts_need_a_one_time_code()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("money", Roles.Finance, twoFactor: true);
        using var client = app.CreateClient();

        var without = await client.IssueTokenAsync("money");
        var wrong = await client.IssueTokenAsync("money", otp: app.Code() == "123456" ? "654321" : "123456");
        var right = await client.IssueTokenAsync("money", otp: app.Code());
        var replayed = await client.IssueTokenAsync("money", otp: app.Code());

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("otp_required", await without.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_otp", await wrong.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task A_two_factor_role_without_enrolment_gets_no_token()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("new-admin", Roles.Admin);
        using var client = app.CreateClient();

        var response = await client.IssueTokenAsync("new-admin", Accounts.Password, otp: "123456");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("two_factor_enrolment_required", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_are_both_invalid_credentials()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var wrong = await client.IssueTokenAsync("student", "nope-nope-nope");
        var unknown = await client.IssueTokenAsync("no-such-person", "nope-nope-nope");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_credentials", await wrong.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("invalid_credentials", await unknown.ProblemCodeAsync());
    }

    [Fact]
    public async Task A_locked_account_gets_429_with_retry_after()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("locker", Roles.Requester);
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.IssueTokenAsync("locker", "wrong-" + i);
        }

        var response = await client.IssueTokenAsync("locker");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("locked_out", await response.ProblemCodeAsync());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_revoked()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("other", Roles.Requester);
        var mine = await app.TokenAsync("student", password: Accounts.DemoPassword);
        var theirs = await app.TokenAsync("other");
        using var other = app.CreateClient().WithBearer(theirs);
        var theirId = (await other.GetFromJsonAsync<JsonElement>("/api/v1/auth/tokens", Ct))[0].GetProperty("id").GetString();
        using var me = app.CreateClient().WithBearer(mine);

        var response = await me.DeleteAsync($"/api/v1/auth/tokens/{theirId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires_or_its_owner_is_disabled()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("temp", Roles.Staff);
        await app.CreateUserAsync("leaver", Roles.Staff);
        using var temp = app.CreateClient().WithBearer(await app.TokenAsync("temp"));
        using var leaver = app.CreateClient().WithBearer(await app.TokenAsync("leaver"));

        await app.UpdateUserAsync("leaver", u => u.Disabled = true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await temp.GetAsync("/api/v1/me", Ct)).StatusCode);

        app.Services.GetRequiredService<Infrastructure.Clock.ManualClock>().Advance(TimeSpan.FromDays(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await temp.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_tokens_page_creates_a_token_shown_once_and_revokes_it()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.Browser();
        await browser.SignInAsync("student", Accounts.DemoPassword);

        var created = await browser.SubmitAsync("/Account/Tokens?handler=Create", new Dictionary<string, string> { ["Name"] = "备份脚本" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.HtmlAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "<code id=\"NewToken\"[^>]*>(hq_[^<]+)</code>").Groups[1].Value;
        using var bearer = app.CreateClient().WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me", Ct)).StatusCode);
        var list = await (await browser.GetAsync("/Account/Tokens", Ct)).HtmlAsync();
        Assert.Contains("备份脚本", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        var id = (await bearer.GetFromJsonAsync<JsonElement>("/api/v1/auth/tokens", Ct))[0].GetProperty("id").GetString();

        var revoked = await browser.SubmitAsync($"/Account/Tokens?handler=Revoke&id={id}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me", Ct)).StatusCode);
    }
}

public class MeTests
{
    [Fact]
    public async Task Me_lists_the_posts_a_staff_member_holds()
    {
        await using var app = await TestApp.StartAsync();
        var token = await app.TokenAsync("water1", password: Accounts.DemoPassword);
        using var client = app.CreateClient().WithBearer(token);

        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal("water1", me.GetProperty("userName").GetString());
        Assert.Contains("Staff", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var post = Assert.Single(me.GetProperty("posts").EnumerateArray());
        Assert.Equal("water-duty", post.GetProperty("code").GetString());
        Assert.Equal("水电值班", post.GetProperty("name").GetString());
    }
}

public class TokenCachingTests
{
    [Fact]
    public async Task A_new_token_is_never_stored_by_a_cache()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var response = await client.IssueTokenAsync("student", Accounts.DemoPassword);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
    }
}
