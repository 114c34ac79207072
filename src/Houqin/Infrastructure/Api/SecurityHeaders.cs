namespace Houqin.Infrastructure.Api;

/// <summary>
/// Headers on every response. The content security policy allows no inline script or style anywhere but
/// on the API reference page (Scalar), which needs its inline bootstrap and styles.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Scalar's page bootstraps with an inline script and inline styles; it shows no user content.</summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static bool IsReferencePage(PathString path) =>
        path.StartsWithSegments("/api") && (!path.StartsWithSegments("/api/v1", out var rest) || !rest.HasValue || rest == "/");

    /// <summary>
    /// Set when the response starts, so error responses (whose headers the exception handler clears) carry
    /// them too; a handler that sets its own policy (a download's sandbox) keeps it.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            (http, next) =>
            {
                http.Response.OnStarting(() =>
                {
                    var h = http.Response.Headers;
                    h.TryAdd("Content-Security-Policy", IsReferencePage(http.Request.Path) ? ReferencePolicy : Policy);
                    h.TryAdd("X-Content-Type-Options", "nosniff");
                    h.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
                    h.TryAdd("X-Frame-Options", "DENY");
                    h.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                    h.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                    // Anything shown to a signed-in person (a new API token included) stays out of shared caches
                    // and the browser's back-forward cache; static files set their own caching.
                    if (http.User.Identity?.IsAuthenticated == true || http.Request.Path.StartsWithSegments("/api"))
                    {
                        h.TryAdd("Cache-Control", "no-store");
                    }
                    return Task.CompletedTask;
                });
                return next(http);
            }
        );
}
