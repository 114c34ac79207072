using System.Security.Claims;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Houqin.Features.Account;

/// <summary>
/// Between a valid password and the second factor, the browser holds only Identity's short-lived
/// two-factor cookie naming the user, never a session. <c>enrol</c> marks a user whose role requires a
/// second factor they have not set up yet.
/// </summary>
internal static class TwoFactorStep
{
    private const string EnrolClaim = "houqin:enrol";

    public static Task BeginAsync(HttpContext http, User user, bool enrol)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
        if (enrol)
        {
            identity.AddClaim(new Claim(EnrolClaim, "1"));
        }
        return http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The user waiting for their second factor (or enrolment), or null when the step has lapsed.</summary>
    public static async Task<User?> PendingAsync(HttpContext http, UserManager<User> users, bool enrol)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var id = result.Principal?.FindFirstValue(ClaimTypes.Name);
        if (id is null || (result.Principal!.HasClaim(c => c.Type == EnrolClaim)) != enrol)
        {
            return null;
        }
        var user = await users.FindByIdAsync(id);
        return user is null || user.Disabled ? null : user;
    }

    public static Task EndAsync(HttpContext http) => http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);

    public static string SafeReturnUrl(Microsoft.AspNetCore.Mvc.IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
