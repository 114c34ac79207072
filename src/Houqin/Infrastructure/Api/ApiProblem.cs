namespace Houqin.Infrastructure.Api;

/// <summary>
/// The API's errors: problem+json with a stable machine-readable <c>code</c> (snake_case) beside the
/// human title. Clients switch on <c>code</c>, never on text.
/// </summary>
public static class ApiProblem
{
    public static IResult Create(int status, string code, string title, string? detail = null, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        if (extra is not null)
        {
            foreach (var (k, v) in extra)
            {
                extensions[k] = v;
            }
        }
        return Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }

    public static IResult NotFound(string title = "Not found") => Create(StatusCodes.Status404NotFound, "not_found", title);

    public static IResult Conflict(string code, string title, string? detail = null) =>
        Create(StatusCodes.Status409Conflict, code, title, detail);

    /// <summary>422 naming the offending field.</summary>
    public static IResult Invalid(string field, string message, string code = "validation_failed") =>
        Create(
            StatusCodes.Status422UnprocessableEntity,
            code,
            "Invalid input",
            message,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } }
        );
}
