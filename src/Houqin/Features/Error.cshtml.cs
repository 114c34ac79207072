using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
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

    // Re-executed requests keep their method, so a failed POST lands here as a POST.
    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
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
    }
}
