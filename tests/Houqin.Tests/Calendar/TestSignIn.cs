using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Houqin.Tests.Calendar;

/// <summary>
/// Signs requests in by header, for testing endpoints before the real sign-in exists in this branch:
/// a test-only authentication scheme made the default for one derived host.
/// </summary>
internal static class TestSignIn
{
    public const string Scheme = "Test";

    public static WebApplicationFactory<Program> WithHeaderSignIn(this TestApp app) =>
        app.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s =>
            {
                s.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderHandler>(Scheme, _ => { });
                s.PostConfigure<AuthenticationOptions>(o =>
                {
                    o.DefaultScheme = Scheme;
                    o.DefaultAuthenticateScheme = Scheme;
                    o.DefaultChallengeScheme = Scheme;
                    o.DefaultForbidScheme = Scheme;
                });
            })
        );

    /// <summary>A client signed in as <paramref name="userName"/>; it does not follow redirects, so PRG is visible.</summary>
    public static HttpClient ClientAs(this WebApplicationFactory<Program> host, string userName, params string[] roles)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Test-User", userName);
        client.DefaultRequestHeaders.Add("X-Test-Roles", string.Join(',', roles));
        return client;
    }

    private sealed class HeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Test-User", out var user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            var claims = new List<Claim> { new(ClaimTypes.Name, user.ToString()) };
            claims.AddRange(
                Request
                    .Headers["X-Test-Roles"]
                    .ToString()
                    .Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(r => new Claim(ClaimTypes.Role, r))
            );
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TestSignIn.Scheme));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TestSignIn.Scheme)));
        }
    }
}
