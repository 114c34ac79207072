using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class SignInModel(Credentials credentials, SignInManager<User> signIn, IStringLocalizer<AccountText> text)
    : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when a second step (code or enrolment) lapsed and sent the user back here.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Expired { get; set; }

    /// <summary>Set when the person has just changed their password and was signed out everywhere.</summary>
    [BindProperty(SupportsGet = true)]
    public bool PasswordChanged { get; set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public void OnGet()
    {
        if (Expired)
        {
            Error = text["SignInExpired"];
        }
        if (PasswordChanged)
        {
            Notice = text["PasswordChanged"];
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            return Refuse(text["Required"], StatusCodes.Status422UnprocessableEntity);
        }
        var check = await credentials.CheckPasswordAsync(UserName, Password, "web");
        if (check.Outcome == CredentialOutcome.LockedOut)
        {
            check.SetRetryAfter(Response);
            return Refuse(text["LockedOut", check.WaitMinutes], StatusCodes.Status429TooManyRequests);
        }
        if (!check.Valid || check.User is null)
        {
            return Refuse(text["InvalidCredentials"], StatusCodes.Status422UnprocessableEntity);
        }
        var user = check.User;
        if (await credentials.RequiresSecondFactorAsync(user))
        {
            await TwoFactorStep.BeginAsync(HttpContext, user, enrol: !user.TwoFactorEnabled);
            return RedirectToPage(user.TwoFactorEnabled ? "/Account/SignIn/Code" : "/Account/TwoFactor", new { ReturnUrl });
        }
        credentials.Succeed(user, "account.signed_in", "web");
        // A fresh session row and cookie; the session this browser had before, if any, is deleted.
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        return LocalRedirect(TwoFactorStep.SafeReturnUrl(Url, ReturnUrl));
    }

    private PageResult Refuse(string message, int status)
    {
        Error = message;
        Password = "";
        Response.StatusCode = status;
        return Page();
    }
}
