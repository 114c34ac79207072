using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Clock;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Houqin.Tests.Account;

/// <summary>Test people and the steps of signing in, over HTTP as a browser or a script would.</summary>
public static partial class Accounts
{
    public const string Password = "Test-password-2026";
    public const string Secret = "JBSWY3DPEHPK3PXP";

    /// <summary>The seeded template's accounts (<c>student</c>, <c>admin</c>).</summary>
    public const string DemoPassword = "Houqin-demo-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a user in <paramref name="role"/>; with <paramref name="twoFactor"/> the authenticator key is <see cref="Secret"/>.</summary>
    public static async Task<User> CreateUserAsync(this TestApp app, string userName, string? role, bool twoFactor = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User
        {
            UserName = userName,
            DisplayName = "测试 " + userName,
            Kind = PersonKind.Staff,
        };
        Check(await users.CreateAsync(user, Password));
        if (role is not null)
        {
            Check(await users.AddToRoleAsync(user, role));
        }
        if (twoFactor)
        {
            Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", Secret));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        return user;
    }

    public static async Task UpdateUserAsync(this TestApp app, string userName, Action<User> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        change(user);
        Check(await users.UpdateAsync(user));
    }

    public static async Task<T> WithServiceAsync<T, TService>(this TestApp app, Func<TService, Task<T>> use)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The authenticator code for the manual clock's current time step.</summary>
    public static string Code(this TestApp app, string secret = Secret) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(app.Services.GetRequiredService<ManualClock>().GetUtcNow().UtcDateTime);

    public static void NextTimeStep(this TestApp app) =>
        app.Services.GetRequiredService<ManualClock>().Advance(TimeSpan.FromSeconds(30));

    /// <summary>A browser: keeps cookies, does not follow redirects so tests can see them.</summary>
    public static HttpClient Browser(this TestApp app, bool https = false) =>
        app.CreateClient(
            new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
            }
        );

    /// <summary>Fetches the form at <paramref name="url"/> (for its antiforgery token) and posts <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url, IDictionary<string, string> fields)
    {
        var form = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync(Ct);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "the form has an antiforgery token");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        return await client.PostAsync(url, new FormUrlEncodedContent(body), Ct);
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password = Password, string returnUrl = "") =>
        client.SubmitAsync(
            "/Account/SignIn" + (returnUrl.Length > 0 ? "?returnUrl=" + Uri.EscapeDataString(returnUrl) : ""),
            new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password }
        );

    public static Task<HttpResponseMessage> EnterCodeAsync(this HttpClient client, string code) =>
        client.SubmitAsync("/Account/SignIn/Code", new Dictionary<string, string> { ["Code"] = code });

    public static async Task<HttpResponseMessage> IssueTokenAsync(this HttpClient client, string userName, string password = Password, string? otp = null) =>
        await client.PostAsJsonAsync("/api/v1/auth/tokens", new { userName, password, otp }, Ct);

    /// <summary>A bearer token for <paramref name="userName"/>, issued through the API.</summary>
    public static async Task<string> TokenAsync(this TestApp app, string userName, bool twoFactor = false, string password = Password)
    {
        using var client = app.CreateClient();
        var response = await client.IssueTokenAsync(userName, password, twoFactor ? app.Code() : null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return json.TryGetProperty("code", out var c) ? c.GetString() : null;
    }

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
