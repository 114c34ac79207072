using System.Collections.Concurrent;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Houqin.Features.Account;

public enum CredentialOutcome
{
    Valid,
    Invalid,
    LockedOut,
}

public sealed record CredentialCheck(CredentialOutcome Outcome, User? User, TimeSpan? RetryAfter)
{
    public bool Valid => Outcome == CredentialOutcome.Valid;

    private TimeSpan Wait => RetryAfter ?? TimeSpan.FromMinutes(1);

    /// <summary>Whole minutes to tell a person, never zero.</summary>
    public int WaitMinutes => Math.Max(1, (int)Math.Ceiling(Wait.TotalMinutes));

    /// <summary>Sets <c>Retry-After</c> (seconds) for a locked-out answer.</summary>
    public void SetRetryAfter(HttpResponse response) => Infrastructure.Api.RetryAfter.Set(response, Wait);
}

/// <summary>
/// The password and second-factor checks shared by the sign-in page and the token endpoint. Failures are
/// audited in the same save as the failure counter; unknown and disabled user names cost one password hash
/// and lock out after the same number of failures, so the answer and its timing do not reveal which
/// names exist (QUALITY.md, rate limits). Locked and password-less accounts cost the same hash for the same
/// reason. One attempt per name runs at a time (<see cref="AttemptGate"/>), so parallel guesses are counted
/// one by one, and failures count within a window of the lockout's length: five wrong guesses spread over
/// a month do not lock anyone out.
/// </summary>
public sealed class Credentials(
    UserManager<User> users,
    IPasswordHasher<User> hasher,
    IOptions<IdentityOptions> identity,
    UnknownNameThrottle unknownNames,
    AttemptGate gate,
    TimeProvider clock,
    AuditLog audit,
    AppDbContext db,
    IHttpContextAccessor http
)
{
    public const string Anonymous = "anonymous";

    private static readonly User DummyUser = new() { UserName = "-" };
    private static string? dummyHash;

    public async Task<CredentialCheck> CheckPasswordAsync(string userName, string password, string channel)
    {
        using var _ = await gate.EnterAsync(userName ?? "");
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (user is null || user.Disabled)
        {
            SpendOneHash(password);
            var wait = unknownNames.Fail(userName ?? "");
            audit.RecordAs(Anonymous, "account.sign_in_failed", "Account", "unknown", new { channel, ip = Ip() });
            await db.SaveChangesAsync();
            return new CredentialCheck(wait is null ? CredentialOutcome.Invalid : CredentialOutcome.LockedOut, null, wait);
        }
        var locked = await users.IsLockedOutAsync(user);
        if (locked || user.PasswordHash is null)
        {
            SpendOneHash(password);
            return locked ? await RefuseLockedAsync(user, channel) : await FailAsync(user, channel, "password");
        }
        if (await users.CheckPasswordAsync(user, password ?? ""))
        {
            return new CredentialCheck(CredentialOutcome.Valid, user, null);
        }
        return await FailAsync(user, channel, "password");
    }

    /// <summary>The second factor, after a valid password. Success is recorded by the caller with what it grants.</summary>
    public async Task<CredentialCheck> CheckSecondFactorAsync(User user, string code, string channel)
    {
        using var _ = await gate.EnterAsync(user.UserName ?? "");
        // The caller loaded the user before the gate; another attempt may have counted a failure since.
        await db.Entry(user).ReloadAsync();
        if (user.Disabled)
        {
            return new CredentialCheck(CredentialOutcome.Invalid, null, null);
        }
        if (await users.IsLockedOutAsync(user))
        {
            return await RefuseLockedAsync(user, channel);
        }
        if (await users.VerifyTwoFactorTokenAsync(user, identity.Value.Tokens.AuthenticatorTokenProvider, code ?? ""))
        {
            return new CredentialCheck(CredentialOutcome.Valid, user, null);
        }
        return await FailAsync(user, channel, "second_factor");
    }

    /// <summary>Whether this user must pass a second factor: enabled by the user, or required by a role.</summary>
    public async Task<bool> RequiresSecondFactorAsync(User user) =>
        user.TwoFactorEnabled || (await users.GetRolesAsync(user)).Any(Roles.RequireTwoFactor.Contains);

    /// <summary>
    /// Completes a successful check: records it and clears the failure count, both saved with what the
    /// success grants (the new session, or the new token).
    /// </summary>
    public void Succeed(User user, string action, string channel)
    {
        audit.RecordAs(user.UserName!, action, "User", user.Id, new { channel, ip = Ip() });
        user.AccessFailedCount = 0;
        user.FailedSignInsSince = null;
    }

    // What checking a real password costs, so that the time of an answer says nothing about the account.
    private void SpendOneHash(string? password)
    {
        dummyHash ??= hasher.HashPassword(DummyUser, "not-a-password-" + Guid.NewGuid());
        hasher.VerifyHashedPassword(DummyUser, dummyHash, password ?? "");
    }

    private async Task<CredentialCheck> FailAsync(User user, string channel, string factor)
    {
        var lockout = identity.Value.Lockout;
        var max = lockout.MaxFailedAccessAttempts;
        var now = clock.GetUtcNow().UtcDateTime;
        // Failures count within one lockout-length window from the first of them, then the count starts again.
        if (user.FailedSignInsSince is not { } since || now - since >= lockout.DefaultLockoutTimeSpan)
        {
            user.AccessFailedCount = 0;
            user.FailedSignInsSince = now;
        }
        var locks = await users.GetLockoutEnabledAsync(user) && await users.GetAccessFailedCountAsync(user) + 1 >= max;
        audit.RecordAs(user.UserName!, "account.sign_in_failed", "User", user.Id, new { channel, factor, ip = Ip() });
        if (locks)
        {
            audit.RecordAs(user.UserName!, "account.locked_out", "User", user.Id, new { channel, failures = max });
            user.FailedSignInsSince = null;
        }
        // AccessFailedAsync saves the user and, in the same SaveChanges, the events above.
        await users.AccessFailedAsync(user);
        return locks
            ? new CredentialCheck(CredentialOutcome.LockedOut, user, await WaitAsync(user))
            : new CredentialCheck(CredentialOutcome.Invalid, user, null);
    }

    private async Task<CredentialCheck> RefuseLockedAsync(User user, string channel)
    {
        audit.RecordAs(user.UserName!, "account.sign_in_refused", "User", user.Id, new { channel, reason = "locked_out", ip = Ip() });
        await db.SaveChangesAsync();
        return new CredentialCheck(CredentialOutcome.LockedOut, user, await WaitAsync(user));
    }

    // Identity's lockout runs on the system clock, not TimeProvider (dotnet/aspnetcore#62796), so the
    // remaining wait is measured on the same clock.
    private async Task<TimeSpan> WaitAsync(User user)
    {
        var end = await users.GetLockoutEndDateAsync(user) ?? DateTimeOffset.UtcNow;
        var wait = end - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    private string? Ip() => http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

/// <summary>
/// Failure counts for user names that do not exist (or are disabled), kept in memory: they lock out exactly
/// like real accounts so that a locked answer does not confirm a name. Bounded, so a flood of random
/// names cannot grow it without limit.
/// </summary>
public sealed class UnknownNameThrottle(TimeProvider clock, IOptions<IdentityOptions> identity)
{
    private const int MaxNames = 10_000;
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since, DateTimeOffset? Until)> names =
        new(StringComparer.Ordinal);

    /// <summary>Counts a failure; returns the remaining wait when this name is now locked out.</summary>
    public TimeSpan? Fail(string userName)
    {
        var key = userName.Trim().ToUpperInvariant();
        var now = clock.GetUtcNow();
        var lockout = identity.Value.Lockout;
        if (names.Count > MaxNames)
        {
            names.Clear();
        }
        var entry = names.AddOrUpdate(
            key,
            _ => (1, now, null),
            (_, e) =>
            {
                if (e.Until is { } u && u > now)
                {
                    return e;
                }
                if (e.Until is not null || now - e.Since > lockout.DefaultLockoutTimeSpan)
                {
                    return (1, now, null);
                }
                var failures = e.Failures + 1;
                return failures >= lockout.MaxFailedAccessAttempts
                    ? (0, now, now + lockout.DefaultLockoutTimeSpan)
                    : (failures, e.Since, null);
            }
        );
        return entry.Until is { } until && until > now ? until - now : null;
    }
}
