using System.Security.Claims;
using System.Security.Cryptography;
using Houqin.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Account;

/// <summary>
/// Keeps cookie sessions in the database. Every request reads its session joined with the user, so the
/// check that the user is not disabled costs nothing extra and takes effect at once (QUALITY.md, sessions).
/// </summary>
internal sealed class SessionStore : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket) =>
        throw new InvalidOperationException("Sessions are stored per request.");

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        throw new InvalidOperationException("Sessions are stored per request.");

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        throw new InvalidOperationException("Sessions are stored per request.");

    public Task RemoveAsync(string key) => throw new InvalidOperationException("Sessions are stored per request.");

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var now = Now(httpContext);
        var userId = Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var key = ApiToken.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        db.Set<AccountSession>().Add(
            new AccountSession(key, userId, now, ExpiresAt(now), TicketSerializer.Default.Serialize(ticket))
        );
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var session = await db.Set<AccountSession>().FindAsync([key], cancellationToken);
        if (session is null)
        {
            return;
        }
        session.ExpiresAt = ExpiresAt(Now(httpContext));
        session.Ticket = TicketSerializer.Default.Serialize(ticket);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var now = Now(httpContext);
        var bytes = await db
            .Set<AccountSession>()
            .AsNoTracking()
            .Where(s => s.Id == key && s.ExpiresAt > now)
            .Join(db.Users.Where(u => !u.Disabled), s => s.UserId, u => u.Id, (s, u) => s.Ticket)
            .FirstOrDefaultAsync(cancellationToken);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var session = await db.Set<AccountSession>().FindAsync([key], cancellationToken);
        if (session is not null)
        {
            db.Remove(session);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static DateTime Now(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    // Sliding, like the cookie: each renewal pushes the end out again.
    private static DateTime ExpiresAt(DateTime now) => now.AddHours(AccountsModule.SessionHours);
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
