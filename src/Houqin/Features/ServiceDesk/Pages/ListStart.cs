using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// Where a list of a page starts: the API's keyset cursor (<see cref="RequestQueues.TryReadCursor"/>) in the query
/// parameter named after the list, none for the newest (ADR 0020). The links it makes keep every other parameter
/// of the page — the search, any filter, the other lists' places — and land on the list.
/// </summary>
public sealed record ListStart(string Param, string Anchor, string? Cursor, long? Before, string? Problem, string Words = "List")
{
    /// <summary>False when the cursor is not one a page wrote: nothing is read and the page answers 422 with why.</summary>
    public bool Readable => Problem is null;

    public static ListStart Read(HttpContext http, IStringLocalizer text, string param, string anchor) =>
        Read<long>(http, text, param, anchor, RequestQueues.TryReadCursor, out var before) with { Before = before };

    /// <summary>Reads a list's cursor into its place: false for a cursor no page of ours wrote.</summary>
    public delegate bool CursorReader<T>(string? cursor, out T? place)
        where T : struct;

    /// <summary>
    /// As <see cref="Read(HttpContext, IStringLocalizer, string, string)"/> for a list in another order than newest
    /// first (the follow-ups owed, due first: <see cref="RequestFollowUps.TryReadCursor"/>), whose place is not a key;
    /// its words are the <paramref name="words"/>_Older, _Newest and _BadCursor resources.
    /// </summary>
    public static ListStart Read<T>(HttpContext http, IStringLocalizer text, string param, string anchor, CursorReader<T> read, out T? place, string words = "List")
        where T : struct
    {
        string? cursor = http.Request.Query.TryGetValue(param, out var given) ? given.ToString() : null;
        if (read(cursor, out place))
        {
            return new(param, anchor, cursor, null, null, words);
        }
        http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return new(param, anchor, cursor, null, text[words + "_BadCursor"], words);
    }

    /// <summary>The ranges to read: none when the cursor was bad.</summary>
    public IReadOnlyList<IQueryable<ServiceRequest>> Ranges(IReadOnlyList<IQueryable<ServiceRequest>> ranges) => Readable ? ranges : [];

    public RequestList Show(HttpRequest request, RequestRow.RowPage page) =>
        new(page.Rows, page.Older is { } older ? Link(request, older) : null, Cursor is null ? null : Link(request, null), Problem, Words);

    private string Link(HttpRequest request, string? cursor)
    {
        var kept = request.Query.Where(p => !string.Equals(p.Key, Param, StringComparison.OrdinalIgnoreCase)).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
        var query = cursor is null ? kept : kept.Append(KeyValuePair.Create(Param, (string?)cursor));
        return request.PathBase + request.Path + QueryString.Create(query) + "#" + Anchor;
    }
}
