using System.Text;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Account;

/// <summary>
/// Enrolment for someone whose role requires a second factor and who has none yet: reached only after a
/// valid password, and only while two-factor is still off, so nobody can replace an enrolled key with a password.
/// The key is shown as text (and an otpauth link) rather than a QR code from an outside service.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class TwoFactorModel(
    Credentials credentials,
    SignInManager<User> signIn,
    UserManager<User> users,
    AuditLog audit,
    IStringLocalizer<AccountText> text
) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string UserName { get; private set; } = "";

    public string Key { get; private set; } = "";

    public string OtpUri { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await TwoFactorStep.PendingAsync(HttpContext, users, enrol: true);
        if (user is null || user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl, Expired = true });
        }
        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await TwoFactorStep.PendingAsync(HttpContext, users, enrol: true);
        if (user is null || user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl, Expired = true });
        }
        var check = await credentials.CheckSecondFactorAsync(user, Code, "web");
        if (!check.Valid)
        {
            await ShowKeyAsync(user);
            Error = check.Outcome == CredentialOutcome.LockedOut ? text["TooManyAttempts"] : text["InvalidCode"];
            Response.StatusCode = check.Outcome == CredentialOutcome.LockedOut
                ? StatusCodes.Status429TooManyRequests
                : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        audit.RecordAs(user.UserName!, "account.two_factor_enrolled", "User", user.Id, new { method = "totp" });
        await users.SetTwoFactorEnabledAsync(user, true);
        credentials.Succeed(user, "account.signed_in", "web");
        await TwoFactorStep.EndAsync(HttpContext);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        return LocalRedirect(TwoFactorStep.SafeReturnUrl(Url, ReturnUrl));
    }

    private async Task ShowKeyAsync(User user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            audit.RecordAs(user.UserName!, "account.authenticator_key_created", "User", user.Id);
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        UserName = user.UserName!;
        Key = Grouped(key);
        OtpUri =
            $"otpauth://totp/{Uri.EscapeDataString("Houqin:" + user.UserName)}?secret={key}&issuer=Houqin&digits=6&period=30";
    }

    /// <summary>Groups of four are easier to type into a phone.</summary>
    private static string Grouped(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(sb.Length == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString();
    }
}
