using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// Where a list of a page starts: the API's keyset cursor (<see cref="RequestQueues.TryReadCursor"/>) in the query
/// parameter named after the list, none for the newest (ADR 0020). The links it makes keep every other parameter
/// of the page — the search, any filter, the other lists' places — and land on the list.
/// </summary>
public sealed record ListStart(string Param, string Anchor, string? Cursor, long? Before, string? Problem)
{
    /// <summary>False when the cursor is not one a page wrote: nothing is read and the page answers 422 with why.</summary>
    public bool Readable => Problem is null;

    public static ListStart Read(HttpContext http, IStringLocalizer text, string param, string anchor)
    {
        string? cursor = http.Request.Query.TryGetValue(param, out var given) ? given.ToString() : null;
        if (RequestQueues.TryReadCursor(cursor, out var before))
        {
            return new(param, anchor, cursor, before, null);
        }
        http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return new(param, anchor, cursor, null, text["List_BadCursor"]);
    }

    /// <summary>The ranges to read: none when the cursor was bad.</summary>
    public IReadOnlyList<IQueryable<ServiceRequest>> Ranges(IReadOnlyList<IQueryable<ServiceRequest>> ranges) => Readable ? ranges : [];

    public RequestList Show(HttpRequest request, RequestRow.RowPage page) =>
        new(page.Rows, page.Older is { } older ? Link(request, older) : null, Cursor is null ? null : Link(request, null), Problem);

    private string Link(HttpRequest request, string? cursor)
    {
        var kept = request.Query.Where(p => !string.Equals(p.Key, Param, StringComparison.OrdinalIgnoreCase)).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
        var query = cursor is null ? kept : kept.Append(KeyValuePair.Create(Param, (string?)cursor));
        return request.PathBase + request.Path + QueryString.Create(query) + "#" + Anchor;
    }
}
