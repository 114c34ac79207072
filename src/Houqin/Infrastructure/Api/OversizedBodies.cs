using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Houqin.Infrastructure.Api;

/// <summary>
/// A body over the endpoint's size limit (a form with photos too large; docs/decisions, "forms over the size limit") is answered 413 before anything reads
/// it: problem+json <c>payload_too_large</c> on the API, the error page in the caller's language on pages. Left to the
/// framework, a page would only say 400: its antiforgery check reads the form, the read is refused, and the refusal
/// reads as a missing token.
/// </summary>
public static class OversizedBodies
{
    /// <summary>
    /// Up to this many times the endpoint's limit (and never past <see cref="ReadToTheEndUpTo"/>) a signed-in person's
    /// oversized body is still read to its end (and thrown away) before the answer: a browser still sending its upload
    /// when the server closes the connection shows a reset, not the page. Beyond it the connection is closed as the
    /// server would anyway, so nobody makes the server read far more than the form could hold.
    /// </summary>
    public const long ReadToTheEndTimesTheLimit = 2;

    public const long ReadToTheEndUpTo = 128L * 1024 * 1024;

    /// <summary>After authorization (nobody else's body is read) and before antiforgery and the endpoints.</summary>
    public static IApplicationBuilder UseOversizedBodies(this IApplicationBuilder app) =>
        app.Use(
            async (http, next) =>
            {
                var size = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (
                    size is { IsReadOnly: false, MaxRequestBodySize: { } max }
                    && http.Request.ContentLength is { } length
                    && length > max
                    // The error page shown for it comes back through here with the same body.
                    && http.Features.Get<IStatusCodeReExecuteFeature>() is null
                )
                {
                    await RefuseAsync(http, size, max, length);
                    return;
                }
                await next(http);
            }
        );

    private static async Task RefuseAsync(HttpContext http, IHttpMaxRequestBodySizeFeature size, long max, long length)
    {
        if (http.User.Identity?.IsAuthenticated == true && length <= Math.Min(ReadToTheEndUpTo, max * ReadToTheEndTimesTheLimit))
        {
            size.MaxRequestBodySize = length;
            try
            {
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // The sender went away: there is no one to answer.
                return;
            }
        }
        // Nothing of the form is taken, and nothing after this (the error page's model binding) tries to read it again.
        http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (ApiErrors.IsApi(http.Request.Path))
        {
            var detail = $"The body is at most {max} bytes; this one has {length}.";
            await ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, ApiErrors.CodeFor(StatusCodes.Status413PayloadTooLarge), "Body too large", detail, new Dictionary<string, object?>(StringComparer.Ordinal) { ["maxBytes"] = max }).ExecuteAsync(http);
        }
        // Pages: the status code pages show /Error/413.
    }
}
