using System.Security.Claims;
using System.Text.Encodings.Web;
using Houqin.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Houqin.Features.Account;

/// <summary>
/// <c>Authorization: Bearer hq_…</c>: looks the token up by its hash, with its owner and their roles, in one query; a revoked
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

    private sealed record TokenRow(Guid TokenId, DateTime? LastUsedAt, Guid UserId, string? UserName, string? Role);

    /// <summary>Compiled once: translating the LINQ on every request cost more than running the SQL.</summary>
    private static readonly Func<AppDbContext, string, DateTime, IAsyncEnumerable<TokenRow>> TokenWithRoles =
        EF.CompileAsyncQuery(
            (AppDbContext db, string hash, DateTime now) =>
                from t in db.Set<ApiToken>()
                where t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now
                join u in db.Users on t.UserId equals u.Id
                where !u.Disabled
                from ur in db.UserRoles.Where(ur => ur.UserId == u.Id).DefaultIfEmpty()
                from r in db.Roles.Where(r => ur != null && r.Id == ur.RoleId).DefaultIfEmpty()
                select new TokenRow(t.Id, t.LastUsedAt, u.Id, u.UserName, r != null ? r.Name : null)
        );

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
        // One round trip: the token, its owner and the owner's roles (a row per role). Nothing is cached, so a
        // revoked token, a disabled owner or a removed role counts at the very next request, on every node.
        Guid tokenId = default,
            userId = default;
        string? userName = null;
        DateTime? lastUsedAt = null;
        var roles = new List<string>(2);
        await foreach (var row in TokenWithRoles(db, ApiToken.HashOf(secret), now).WithCancellation(Context.RequestAborted))
        {
            (tokenId, userId, userName, lastUsedAt) = (row.TokenId, row.UserId, row.UserName, row.LastUsedAt);
            if (row.Role is not null)
            {
                roles.Add(row.Role);
            }
        }
        if (tokenId == default)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        }
        if (lastUsedAt is null || now - lastUsedAt > TouchEvery)
        {
            await db
                .Set<ApiToken>()
                .Where(t => t.Id == tokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, userName ?? ""));
        identity.AddClaim(new Claim(TokenIdClaim, tokenId.ToString()));
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
