using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Houqin.Features;

/// <summary>
/// What a page visitor sees for an error status or an unhandled exception: a short message in their
/// language, and for server errors a trace number for the administrator; never exception details.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string? TraceId { get; private set; }

    /// <summary>For a form too large to send (413): the form's page, to go back to (with JavaScript, the browser's Back, which keeps what was typed).</summary>
    public string? FormPage { get; private set; }

    // Re-executed requests keep their method, so a failed POST lands here as a POST. The status is read from the route
    // by hand, not bound: binding builds every value provider, the form's too, and the failed request's form may be
    // the very thing that could not be read (the status was then lost, and a 400 shown as a server error).
    public void OnGet() => Show();

    public void OnPost() => Show();

    private void Show()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : (int?)null;
        var exception = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        Status =
            code is >= 400 and <= 599 ? code.Value
            : exception is not null ? Infrastructure.Api.ApiErrors.StatusFor(exception)
            : StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        if (Status >= 500)
        {
            TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
        if (Status == StatusCodes.Status413PayloadTooLarge)
        {
            FormPage = SameSite(Request.Headers.Referer.ToString()) ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? "/";
        }
    }

    /// <summary>
    /// The path and query of <paramref name="url"/> when it is a page of this site; null otherwise. A path such as
    /// <c>//elsewhere.example/</c> is on this host but, written as a link, leads off it: local URLs only.
    /// </summary>
    private string? SameSite(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)
        && uri.Scheme is "http" or "https"
        && Url.IsLocalUrl(uri.PathAndQuery)
            ? uri.PathAndQuery
            : null;
}
