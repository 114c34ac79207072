using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Account;

public sealed record TokenRequest(string? UserName, string? Password, string? Otp, string? Name);

public sealed record IssuedToken(Guid Id, string Name, string Token, DateTime ExpiresAt);

public sealed record TokenSummary(Guid Id, string Name, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record Me(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<PostRef> Posts);

/// <summary><c>/api/v1/auth/tokens</c> and <c>/api/v1/me</c>.</summary>
public static class AccountApi
{
    public static void MapAccountApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Account");
        api.MapPost("/auth/tokens", IssueAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AccountsModule.SignInLimit)
            .Produces<IssuedToken>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/auth/tokens", ListAsync).RequireAuthorization(Permissions.SignedIn);
        api.MapDelete("/auth/tokens/{id:guid}", RevokeAsync).RequireAuthorization(Permissions.SignedIn);
        api.MapGet("/me", MeAsync).RequireAuthorization(Permissions.SignedIn);
        // A signed-in POST that does nothing: the benchmarks' baseline for what authentication alone costs a write.
        api.MapPost("/ping", () => Results.NoContent()).RequireAuthorization(Permissions.SignedIn);
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest request,
        Credentials credentials,
        ApiTokens tokens,
        HttpContext http
    )
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return InvalidCredentials();
        }
        var check = await credentials.CheckPasswordAsync(request.UserName, request.Password, "api");
        if (check.Outcome == CredentialOutcome.LockedOut)
        {
            return LockedOut(http, check);
        }
        if (!check.Valid || check.User is null)
        {
            return InvalidCredentials();
        }
        var user = check.User;
        if (await credentials.RequiresSecondFactorAsync(user))
        {
            if (!user.TwoFactorEnabled)
            {
                return ApiProblem.Create(
                    StatusCodes.Status403Forbidden,
                    "two_factor_enrolment_required",
                    "Two-factor sign-in is required for this account",
                    "Sign in on the web once to set up the authenticator app."
                );
            }
            if (string.IsNullOrWhiteSpace(request.Otp))
            {
                return ApiProblem.Create(
                    StatusCodes.Status401Unauthorized,
                    "otp_required",
                    "A one-time code is required",
                    "Send the current code of the authenticator app as \"otp\"."
                );
            }
            var second = await credentials.CheckSecondFactorAsync(user, request.Otp, "api");
            if (second.Outcome == CredentialOutcome.LockedOut)
            {
                return LockedOut(http, second);
            }
            if (!second.Valid)
            {
                return ApiProblem.Create(StatusCodes.Status401Unauthorized, "invalid_otp", "The one-time code is wrong or already used");
            }
        }
        credentials.Succeed(user, "account.signed_in", "api");
        var issued = await tokens.IssueAsync(user, request.Name);
        return Results.Created($"/api/v1/auth/tokens/{issued.Id}", issued);
    }

    private static async Task<IResult> ListAsync(AppDbContext db, CurrentActor actor, CancellationToken ct)
    {
        var me = actor.UserId;
        var list = await db
            .Set<ApiToken>()
            .AsNoTracking()
            .Where(t => t.UserId == me)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
        return Results.Ok(list);
    }

    private static async Task<IResult> RevokeAsync(Guid id, ApiTokens tokens) =>
        await tokens.RevokeAsync(id) ? Results.NoContent() : ApiProblem.NotFound("No such token");

    private static async Task<IResult> MeAsync(
        AppDbContext db,
        CurrentActor actor,
        UserManager<User> users,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is null)
        {
            return ApiProblem.NotFound();
        }
        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        return Results.Ok(new Me(user.UserName!, user.DisplayName, roles, await OrganisationQueries.PostsOf(db, user.Id, clock.GetUtcNow().UtcDateTime, ct)));
    }

    private static IResult InvalidCredentials() =>
        ApiProblem.Create(StatusCodes.Status401Unauthorized, "invalid_credentials", "Wrong user name or password");

    private static IResult LockedOut(HttpContext http, CredentialCheck check)
    {
        check.SetRetryAfter(http.Response);
        return ApiProblem.Create(
            StatusCodes.Status429TooManyRequests,
            "locked_out",
            "Too many failed sign-ins",
            "The account is locked for a while after repeated failures; try again later."
        );
    }
}

/// <summary>Issuing and revoking tokens, for the API and the tokens page alike.</summary>
public sealed class ApiTokens(AppDbContext db, AuditLog audit, TimeProvider clock, CurrentActor actor, IConfiguration config)
{
    public async Task<IssuedToken> IssueAsync(User owner, string? name)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromDays(config.GetValue("Houqin:Api:TokenDays", 30));
        var label = string.IsNullOrWhiteSpace(name) ? "api" : name.Trim()[..Math.Min(name.Trim().Length, 100)];
        var (token, secret) = ApiToken.Issue(owner.Id, label, now, lifetime);
        db.Set<ApiToken>().Add(token);
        audit.RecordAs(owner.UserName!, "api_token.issued", "ApiToken", token.Id, new { owner = owner.Id, name = label, expiresAt = token.ExpiresAt });
        await db.SaveChangesAsync();
        return new IssuedToken(token.Id, label, secret, token.ExpiresAt);
    }

    /// <summary>Revokes one of the caller's own tokens; someone else's token is "not found".</summary>
    public async Task<bool> RevokeAsync(Guid id)
    {
        var me = actor.UserId;
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id && t.UserId == me);
        if (token is null)
        {
            return false;
        }
        if (token.Revoke(clock.GetUtcNow().UtcDateTime))
        {
            audit.Record("api_token.revoked", "ApiToken", token.Id, new { owner = token.UserId, name = token.Name });
            await db.SaveChangesAsync();
        }
        return true;
    }
}
