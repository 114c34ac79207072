using Houqin.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Houqin.Features.Home;

/// <summary>
/// The language switch: remembers the chosen culture in the culture cookie and returns to the page.
/// POST from the layout's buttons; GET <c>/culture?culture=en-US</c> for links (e.g. in messages).
/// </summary>
[AllowAnonymous]
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl) => Switch(culture, returnUrl);

    public IActionResult OnPost(string? culture, string? returnUrl) => Switch(culture, returnUrl);

    private LocalRedirectResult Switch(string? culture, string? returnUrl)
    {
        var chosen = WebModule.Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is not null)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = Request.IsHttps,
                }
            );
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
