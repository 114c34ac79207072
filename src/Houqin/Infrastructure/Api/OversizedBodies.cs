using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

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

    /// <summary>A body sent without its length is kept in memory up to this much while it is measured, then in a temporary file (as the form reader does).</summary>
    private const int KeptInMemoryUpTo = 64 * 1024;

    private enum Body
    {
        Fits,
        TooLarge,
        SenderGone,
    }

    /// <summary>After authorization (nobody else's body is read) and before antiforgery and the endpoints.</summary>
    public static IApplicationBuilder UseOversizedBodies(this IApplicationBuilder app) =>
        app.Use(
            async (http, next) =>
            {
                var size = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (
                    size is { IsReadOnly: false, MaxRequestBodySize: { } max }
                    // The error page shown for it comes back through here with the same body.
                    && http.Features.Get<IStatusCodeReExecuteFeature>() is null
                )
                {
                    var length = http.Request.ContentLength;
                    var body =
                        length is { } declared ? await DeclaredAsync(http, size, max, declared)
                        : http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true ? await UndeclaredAsync(http, size, max)
                        : Body.Fits;
                    if (body == Body.SenderGone)
                    {
                        // There is no one to answer.
                        return;
                    }
                    if (body == Body.TooLarge)
                    {
                        await RefuseAsync(http, max, length);
                        return;
                    }
                }
                await next(http);
            }
        );

    /// <summary>How much of an oversized body is read to its end for this sender: nothing beyond the limit for anyone not signed in.</summary>
    private static long ReadToTheEnd(HttpContext http, long max) =>
        http.User.Identity?.IsAuthenticated == true ? Math.Max(max, Math.Min(ReadToTheEndUpTo, max * ReadToTheEndTimesTheLimit)) : max;

    /// <summary>A body that declares its length is judged by it; a signed-in sender's oversized one is read to its end within the bound.</summary>
    private static async Task<Body> DeclaredAsync(HttpContext http, IHttpMaxRequestBodySizeFeature size, long max, long length)
    {
        if (length <= max)
        {
            return Body.Fits;
        }
        if (length > ReadToTheEnd(http, max))
        {
            return Body.TooLarge;
        }
        size.MaxRequestBodySize = length;
        return await ReadToTheEndAsync(http.Request.Body, http.RequestAborted);
    }

    /// <summary>
    /// A body without a declared length (<c>Transfer-Encoding: chunked</c>) is measured by reading it. Up to the limit it
    /// is kept (bounded by the limit, as the form reader would keep it) and handed on as if unread; past the limit the
    /// rest is read to its end within the sender's bound, or cut off there by the server's own limit, and refused.
    /// Left to the endpoint, the server's refusal would surface in the middle of reading the form.
    /// </summary>
    private static async Task<Body> UndeclaredAsync(HttpContext http, IHttpMaxRequestBodySizeFeature size, long max)
    {
        var sent = http.Request.Body;
        size.MaxRequestBodySize = ReadToTheEnd(http, max);
        var kept = new FileBufferingReadStream(sent, KeptInMemoryUpTo);
        http.Response.RegisterForDisposeAsync(kept);
        var chunk = new byte[64 * 1024];
        long read = 0;
        try
        {
            int n;
            while ((n = await kept.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                read += n;
                if (read > max)
                {
                    // Nothing more is kept: the rest is only read through.
                    return await ReadToTheEndAsync(sent, http.RequestAborted);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Body.TooLarge;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return Body.SenderGone;
        }
        kept.Seek(0, SeekOrigin.Begin);
        http.Request.Body = kept;
        return Body.Fits;
    }

    /// <summary>Reads an oversized body through to its end (thrown away), so the sender, still sending, then receives the answer.</summary>
    private static async Task<Body> ReadToTheEndAsync(Stream body, CancellationToken ct)
    {
        try
        {
            await body.CopyToAsync(Stream.Null, ct);
            return Body.TooLarge;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Past the bound: the server cuts the connection off after the answer.
            return Body.TooLarge;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return Body.SenderGone;
        }
    }

    private static async Task RefuseAsync(HttpContext http, long max, long? length)
    {
        // Nothing of the form is taken, and nothing after this (the error page's model binding) tries to read it again.
        http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (ApiErrors.IsApi(http.Request.Path))
        {
            var detail = length is { } declared ? $"The body is at most {max} bytes; this one has {declared}." : $"The body is at most {max} bytes; this one has more.";
            await ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, ApiErrors.CodeFor(StatusCodes.Status413PayloadTooLarge), "Body too large", detail, new Dictionary<string, object?>(StringComparer.Ordinal) { ["maxBytes"] = max }).ExecuteAsync(http);
        }
        // Pages: the status code pages show /Error/413.
    }
}
