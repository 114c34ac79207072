using Houqin.Data;
using Houqin.Features.ServiceDesk.Search;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// The search box of the request lists (/desk for staff, /requests for a requester): the same words as the API's
/// <c>q</c> (number, place, text and people, Chinese cut as <see cref="SearchTerms"/> cuts it), inside what the
/// reader may see: the ranges the page passes.
/// </summary>
public sealed record RequestSearchBox(string Query, RequestList Found)
{
    public const int MaxLength = 100;

    public const int Shown = 50;

    /// <summary>The box before anything is searched.</summary>
    public static readonly RequestSearchBox Empty = new("", RequestList.Nothing);

    // The results' element id; the query parameter that pages them (beside q, which the links keep).
    private const string Anchor = "search-results";
    private const string Param = "found";

    public bool Searched => Query.Length > 0;

    /// <summary>
    /// Empty without a query; a too-long query, or a bad cursor in <c>found</c>, is answered 422 with its problem and
    /// nothing is searched. The results are paged as every list is (<see cref="ListStart"/>) and not counted: a count
    /// of what matches inside overlapping ranges is neither cheap nor bounded by one index.
    /// </summary>
    public static async Task<RequestSearchBox> RunAsync(
        AppDbContext db,
        IStringLocalizer text,
        HttpContext http,
        string? q,
        IReadOnlyList<IQueryable<ServiceRequest>> ranges,
        CancellationToken ct
    )
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Empty;
        }
        var query = q.Trim();
        if (query.Length > MaxLength)
        {
            http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return new RequestSearchBox(query[..MaxLength], RequestList.Nothing with { Problem = text["Search_TooLong", MaxLength] });
        }
        var start = ListStart.Read(http, text, Param, Anchor);
        var matching = RequestSearch.Matching(db, query);
        var found = await RequestRow.LoadAsync(db, text, start.Ranges([.. ranges.Select(r => r.Where(x => matching.Contains(x.Id)))]), start.Before, Shown, ct);
        return new RequestSearchBox(query, start.Show(http.Request, found));
    }
}
