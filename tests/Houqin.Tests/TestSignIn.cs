using System.Security.Claims;
using System.Text.Encodings.Web;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Houqin.Tests;

/// <summary>
/// Signs HTTP test clients in as a demo user by header, so API tests do not depend on the sign-in
/// pages (owned by the accounts module). Roles come from the database, as they would after a real sign-in.
/// </summary>
public static class TestSignIn
{
    public const string Scheme = "Test";
    public const string Header = "X-Test-User";

    public static WebApplicationFactory<Program> WithTestSignIn(this TestApp app) =>
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

    public static HttpClient ClientAs(this WebApplicationFactory<Program> factory, string? userName)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (userName is not null)
        {
            client.DefaultRequestHeaders.Add(Header, userName);
        }
        return client;
    }

    private sealed class HeaderHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        UserManager<User> users
    ) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var name) || await users.FindByNameAsync(name.ToString()) is not { } user)
            {
                return AuthenticateResult.NoResult();
            }
            var claims = new List<Claim>
            {
                new(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new(ClaimTypes.Name, user.UserName!),
            };
            claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TestSignIn.Scheme));
            return AuthenticateResult.Success(new AuthenticationTicket(principal, TestSignIn.Scheme));
        }
    }
}
