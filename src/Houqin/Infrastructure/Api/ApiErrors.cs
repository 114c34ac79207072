using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Houqin.Infrastructure.Api;

/// <summary>
/// Every API error is problem+json with a stable <c>code</c>: errors the endpoints answer themselves
/// (<see cref="ApiProblem"/>), bare status codes from the framework (401, 403, 404, 405, 429), and
/// unhandled exceptions, which become <c>internal_error</c> with a trace id and never a stack trace.
/// </summary>
public static class ApiErrors
{
    /// <summary>The JSON API; <c>/api</c> itself is the browsable reference page.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api/v1");

    public static string CodeFor(int status) =>
        status switch
        {
            StatusCodes.Status400BadRequest => "bad_request",
            StatusCodes.Status401Unauthorized => "unauthenticated",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not_found",
            StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
            StatusCodes.Status406NotAcceptable => "not_acceptable",
            StatusCodes.Status409Conflict => "concurrent_change",
            StatusCodes.Status413PayloadTooLarge => "payload_too_large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
            StatusCodes.Status429TooManyRequests => "rate_limited",
            >= 500 => "internal_error",
            _ => "error",
        };

    public static string TitleFor(int status) =>
        status switch
        {
            StatusCodes.Status401Unauthorized => "Sign-in required",
            StatusCodes.Status403Forbidden => "Not allowed",
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status409Conflict => "Changed by someone else at the same moment; read it again and retry",
            StatusCodes.Status429TooManyRequests => "Too many requests",
            >= 500 => "Internal error",
            _ => "Request failed",
        };

    /// <summary>Writes the problem for a status the framework set without a body.</summary>
    public static Task WriteStatusAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        return ApiProblem.Create(status, CodeFor(status), TitleFor(status), extra: Trace(http)).ExecuteAsync(http);
    }

    private static Dictionary<string, object?> Trace(HttpContext http) =>
        new(StringComparer.Ordinal) { ["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier };

    /// <summary>What an exception no feature caught means to the caller: their bad request, a clash with someone else's change, or our fault.</summary>
    public static int StatusFor(Exception exception) =>
        exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            // The form readers' word for a body that is not the form it claims to be (a multipart body cut off, a
            // broken boundary): the sender's error, not the server's.
            InvalidDataException => StatusCodes.Status400BadRequest,
            _ when Data.Constraints.IsConcurrentChange(exception) => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        };

    /// <summary>The field a JSON path names, as the API's other errors name it: <c>$.caller.name</c> is <c>caller.name</c>; the whole body is <c>body</c>.</summary>
    internal static string FieldOf(string jsonPath) => jsonPath is "$" or "" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    // The reader's own message names .NET types and line positions; the caller needs what to send instead.
    private static string JsonProblem(JsonException json) =>
        json.Path is "$" or "" ? "the body is not a JSON object of the expected shape" : "this value has the wrong type or is not valid JSON";

    /// <summary>The code of a text refused for a control character (ADR 0033), in a body, a query or a route.</summary>
    public const string ControlCharacterCode = "control_character";

    /// <summary>
    /// Middleware: a query or route value of the API holding a refused control character is answered 400
    /// <c>control_character</c> naming the parameter, as a JSON body's would be, before any endpoint reads it.
    /// </summary>
    public static async Task RefuseControlCharactersAsync(HttpContext http, RequestDelegate next)
    {
        var refused =
            http.Request.Query.Where(q => ControlCharacters.Contains(q.Key) || q.Value.Any(ControlCharacters.Contains)).Select(q => (q.Key, Text: q.Key + q.Value.ToString()))
                .Concat(http.Request.RouteValues.Where(r => r.Value is string s && ControlCharacters.Contains(s)).Select(r => (r.Key, Text: (string)r.Value!)))
                .FirstOrDefault();
        if (refused.Key is null)
        {
            await next(http);
            return;
        }
        var problem = ControlCharacters.Problem(refused.Text);
        var extra = Trace(http);
        extra["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [refused.Key] = [problem] };
        await ApiProblem.Create(StatusCodes.Status400BadRequest, ControlCharacterCode, TitleFor(StatusCodes.Status400BadRequest), problem, extra).ExecuteAsync(http);
    }

    /// <summary>Unhandled exceptions on the API: logged in full, answered with a trace id only.</summary>
    internal sealed class ExceptionHandler(ILogger<ExceptionHandler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            // By now the middleware has pointed Request.Path at the error page; the feature keeps the original.
            var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value;
            if (!IsApi(new PathString(path)))
            {
                return false;
            }
            var status = StatusFor(exception);
            if (status >= 500)
            {
                log.LogError(exception, "Unhandled exception on {Path}", http.Request.Path);
            }
            http.Response.StatusCode = status;
            var extra = Trace(http);
            var code = CodeFor(status);
            string? detail = null;
            if (exception is BadHttpRequestException { InnerException: JsonException { Path: { } where } json })
            {
                var problem = json is ControlCharacterException ? json.Message : JsonProblem(json);
                extra["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [FieldOf(where)] = [problem] };
                (code, detail) = json is ControlCharacterException ? (ControlCharacterCode, problem) : (code, null);
            }
            await ApiProblem.Create(status, code, TitleFor(status), detail, extra).ExecuteAsync(http);
            return true;
        }
    }
}
