using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Account.SignIn;

/// <summary>The second step of signing in: the authenticator app's code.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class CodeModel(
    Credentials credentials,
    SignInManager<User> signIn,
    UserManager<User> users,
    IStringLocalizer<AccountText> text
) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await TwoFactorStep.PendingAsync(HttpContext, users, enrol: false) is null ? Expired() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await TwoFactorStep.PendingAsync(HttpContext, users, enrol: false);
        if (user is null)
        {
            return Expired();
        }
        var check = await credentials.CheckSecondFactorAsync(user, Code, "web");
        if (check.Outcome == CredentialOutcome.LockedOut)
        {
            check.SetRetryAfter(Response);
            return Refuse(text["LockedOut", check.WaitMinutes], StatusCodes.Status429TooManyRequests);
        }
        if (!check.Valid)
        {
            return Refuse(text["InvalidCode"], StatusCodes.Status422UnprocessableEntity);
        }
        credentials.Succeed(user, "account.signed_in", "web");
        await TwoFactorStep.EndAsync(HttpContext);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        return LocalRedirect(TwoFactorStep.SafeReturnUrl(Url, ReturnUrl));
    }

    private RedirectToPageResult Expired() => RedirectToPage("/Account/SignIn", new { ReturnUrl, Expired = true });

    private PageResult Refuse(string message, int status)
    {
        Error = message;
        Code = "";
        Response.StatusCode = status;
        return Page();
    }
}
