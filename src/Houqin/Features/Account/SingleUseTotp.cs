using System.Globalization;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OtpNet;

namespace Houqin.Features.Account;

/// <summary>
/// Identity's authenticator provider with two changes: time comes from <see cref="TimeProvider"/> (the
/// manual clock in tests), and each code works once: the last accepted time step is kept per user, and a
/// code from that step or an earlier one is refused (RFC 6238 §5.2).
/// </summary>
internal sealed class SingleUseTotpProvider(TimeProvider clock) : AuthenticatorTokenProvider<User>
{
    public const string Name = "HouqinTotp";
    private const string Store = "[Houqin]";
    private const string LastStep = "TotpLastStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        token = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }
        var last = await manager.GetAuthenticationTokenAsync(user, Store, LastStep);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }
        // The user row's concurrency stamp makes a second request racing with the same code fail here.
        var saved = await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }
}

/// <summary>Refuses disabled users at every sign-in step (password, second factor, token issue).</summary>
internal sealed class HouqinSignInManager(
    UserManager<User> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<User>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation
) : SignInManager<User>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user) => !user.Disabled && await base.CanSignInAsync(user);
}
