using System.Security.Claims;
using System.Text.Encodings.Web;
using Houqin.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Houqin.Features.Account;

/// <summary>
/// <c>Authorization: Bearer hq_…</c>: looks the token up by its hash, with its owner, in one query; a revoked
/// or expired token, or a disabled owner, authenticates nobody.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TimeProvider clock
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string TokenIdClaim = "houqin:token";

    /// <summary>Writing "last used" on every call would make every API read a write; once a minute is enough.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = Request.Headers.Authorization.ToString()[(SchemeName.Length + 1)..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("Malformed token.");
        }
        var db = Context.RequestServices.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = ApiToken.HashOf(secret);
        var found = await db
            .Set<ApiToken>()
            .AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Join(
                db.Users.Where(u => !u.Disabled),
                t => t.UserId,
                u => u.Id,
                (t, u) => new { t.Id, t.LastUsedAt, u.UserName, UserId = u.Id }
            )
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        }
        var roles = await db
            .UserRoles.Where(ur => ur.UserId == found.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync(Context.RequestAborted);
        if (found.LastUsedAt is null || now - found.LastUsedAt > TouchEvery)
        {
            await db
                .Set<ApiToken>()
                .Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, found.UserId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, found.UserName ?? ""));
        identity.AddClaim(new Claim(TokenIdClaim, found.Id.ToString()));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }
}
