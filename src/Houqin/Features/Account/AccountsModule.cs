using System.Net;
using System.Threading.RateLimiting;
using Houqin.Data;
using Houqin.Infrastructure.Api;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Houqin.Features.Account;

/// <summary>
/// Local accounts: Identity with PBKDF2-SHA512 at 210,000 iterations, lockout, TOTP, server-side
/// sessions, bearer tokens for the API, and the sign-in rate limit
/// (docs/decisions/0004-sessions-and-tokens.md).
/// </summary>
public static class AccountsModule
{
    /// <summary>Cookie when there is no bearer header, bearer when there is: pages and API alike.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public const string SignInLimit = "sign-in";

    public const string CookieName = "houqin";

    public const int SessionHours = 8;

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services
            .AddIdentity<User, Role>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.Tokens.AuthenticatorTokenProvider = SingleUseTotpProvider.Name;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseTotpProvider>(SingleUseTotpProvider.Name)
            .AddPasswordValidator<CommonPasswords>()
            .AddSignInManager<HouqinSignInManager>();

        services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultAuthenticateScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
                o.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(
                CookieOrBearer,
                "Cookie or bearer token",
                o =>
                    o.ForwardDefaultSelector = ctx =>
                        BearerTokenHandler.HasBearer(ctx.Request) ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme
            )
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.CookieManager = new HostPrefixCookieManager();
            o.ExpireTimeSpan = TimeSpan.FromHours(SessionHours);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/Denied";
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnSigningIn = Sessions.SigningInAsync;
            o.Events.OnSigningOut = Sessions.SigningOutAsync;
            o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
        });
        // Session lifetimes and the security-stamp interval follow the application's clock (the manual one in tests).
        services
            .AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        services
            .AddOptions<SecurityStampValidatorOptions>()
            .Configure<TimeProvider>(
                (o, clock) =>
                {
                    o.TimeProvider = clock;
                    // A changed security stamp (roles removed, password reset) ends cookie sessions within a
                    // minute rather than Identity's default half hour; disabling a user is checked on every request.
                    o.ValidationInterval = TimeSpan.FromMinutes(1);
                    // The stamp check rebuilds the principal from the user; the session id and sign-in method carry over.
                    o.OnRefreshingPrincipal = Sessions.CarryOver;
                }
            );
        services.Configure<CookieAuthenticationOptions>(
            IdentityConstants.TwoFactorUserIdScheme,
            o =>
            {
                o.Cookie.Name = CookieName + "-2fa";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.Path = "/";
                o.CookieManager = new HostPrefixCookieManager();
            }
        );

        services.AddScoped<Credentials>();
        services.AddScoped<ApiTokens>();
        services.AddSingleton<AttemptGate>();
        services.AddSingleton<UnknownNameThrottle>();

        var perMinute = config.GetValue("Houqin:RateLimits:SignInPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    RetryAfter.Set(ctx.HttpContext.Response, wait);
                }
                return ValueTask.CompletedTask;
            };
            // Per client address, for attempts only: showing the sign-in form is not limited.
            o.AddPolicy(
                SignInLimit,
                ctx =>
                    HttpMethods.IsPost(ctx.Request.Method)
                        ? RateLimitPartition.GetFixedWindowLimiter(
                            (ctx.Connection.RemoteIpAddress ?? IPAddress.None).ToString(),
                            _ => new FixedWindowRateLimiterOptions
                            {
                                PermitLimit = perMinute,
                                Window = TimeSpan.FromMinutes(1),
                                QueueLimit = 0,
                            }
                        )
                        : RateLimitPartition.GetNoLimiter("show")
            );
        });
        return services;
    }

    /// <summary>
    /// API callers get a status code (and, from the status-code pages, a problem), not the sign-in page;
    /// htmx requests get the status with <c>HX-Redirect</c>, so the whole page moves rather than a fragment.
    /// </summary>
    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        if (ctx.Request.Headers.ContainsKey("HX-Request"))
        {
            ctx.Response.StatusCode = status;
            ctx.Response.Headers["HX-Redirect"] = ctx.RedirectUri;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapAccountApi();
        return app;
    }
}
