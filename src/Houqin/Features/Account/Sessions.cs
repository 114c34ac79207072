using System.Security.Claims;
using System.Security.Cryptography;
using Houqin.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Account;

/// <summary>
/// Server-side sessions behind the cookie. Each sign-in gets a new random session id (a claim in the
/// cookie) and a row; every request checks the row and that its user is not disabled, in one query, so
/// signing out, replacing a session, or disabling a user ends access at once (QUALITY.md, sessions).
/// A cookie ticket store would keep the old key when someone signs in over an existing session.
/// </summary>
internal static class Sessions
{
    public const string SessionIdClaim = "houqin:sid";

    /// <summary>Renewing the row on every request would make every read a write; renew once it is half used.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(AccountsModule.SessionHours);

    public static async Task SigningInAsync(CookieSigningInContext ctx)
    {
        var http = ctx.HttpContext;
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = Now(http);
        await EndAsync(db, http.User.FindFirstValue(SessionIdClaim));
        if (ctx.Principal?.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            throw new InvalidOperationException("A session needs a user id.");
        }
        foreach (var stale in identity.FindAll(SessionIdClaim).ToList())
        {
            identity.RemoveClaim(stale);
        }
        // Expired rows of this user go at their next sign-in, so the table stays as small as the live sessions.
        await db
            .Set<AccountSession>()
            .Where(s => s.UserId == userId && s.ExpiresAt <= now)
            .ExecuteDeleteAsync(http.RequestAborted);
        var id = ApiToken.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        identity.AddClaim(new Claim(SessionIdClaim, id));
        db.Set<AccountSession>().Add(new AccountSession(id, userId, now, now + Lifetime));
        await db.SaveChangesAsync(http.RequestAborted);
    }

    public static async Task SigningOutAsync(CookieSigningOutContext ctx)
    {
        var db = ctx.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        await EndAsync(db, ctx.HttpContext.User.FindFirstValue(SessionIdClaim));
        await db.SaveChangesAsync(ctx.HttpContext.RequestAborted);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var http = ctx.HttpContext;
        var id = ctx.Principal?.FindFirstValue(SessionIdClaim);
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = Now(http);
        var expires = id is null
            ? null
            : await db
                .Set<AccountSession>()
                .AsNoTracking()
                .Where(s => s.Id == id && s.ExpiresAt > now)
                .Join(db.Users.Where(u => !u.Disabled), s => s.UserId, u => u.Id, (s, u) => (DateTime?)s.ExpiresAt)
                .FirstOrDefaultAsync(http.RequestAborted);
        if (expires is null)
        {
            ctx.RejectPrincipal();
            return;
        }
        if (expires.Value - now < Lifetime / 2)
        {
            await db
                .Set<AccountSession>()
                .Where(s => s.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, now + Lifetime), http.RequestAborted);
        }
        await SecurityStampValidator.ValidatePrincipalAsync(ctx);
    }

    public static Task CarryOver(SecurityStampRefreshingPrincipalContext ctx)
    {
        if (ctx.NewPrincipal?.Identity is ClaimsIdentity identity && ctx.CurrentPrincipal is { } current)
        {
            foreach (var type in new[] { SessionIdClaim, ClaimTypes.AuthenticationMethod })
            {
                if (current.FindFirst(type) is { } claim && !identity.HasClaim(c => c.Type == type))
                {
                    identity.AddClaim(new Claim(type, claim.Value));
                }
            }
        }
        return Task.CompletedTask;
    }

    private static async Task EndAsync(AppDbContext db, string? id)
    {
        if (id is not null && await db.Set<AccountSession>().FindAsync(id) is { } old)
        {
            db.Remove(old);
        }
    }

    private static DateTime Now(HttpContext http) =>
        http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
}

/// <summary>
/// Names cookies <c>__Host-…</c> over HTTPS, where the browser then guarantees Secure, path / and no
/// domain; over plain HTTP (development, tests) the prefix would make browsers drop the cookie
/// (docs/decisions/0004-sessions-and-tokens.md).
/// </summary>
internal sealed class HostPrefixCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager inner = new();

    public static string NameFor(HttpContext context, string key) => context.Request.IsHttps ? "__Host-" + key : key;

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, NameFor(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, NameFor(context, key), options);
}
