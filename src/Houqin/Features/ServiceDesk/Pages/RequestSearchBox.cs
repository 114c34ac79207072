using Houqin.Data;
using Houqin.Features.ServiceDesk.Search;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// The search box of the request lists (/desk for staff, /requests for a requester): the same words as the API's
/// <c>q</c> (number, place, text and people, Chinese cut as <see cref="SearchTerms"/> cuts it), inside what the
/// reader may see: the ranges the page passes.
/// </summary>
public sealed record RequestSearchBox(string Query, IReadOnlyList<RequestRow> Found, string? Problem)
{
    public const int MaxLength = 100;

    public const int Shown = 50;

    /// <summary>The box before anything is searched.</summary>
    public static readonly RequestSearchBox Empty = new("", [], null);

    public bool Searched => Query.Length > 0;

    /// <summary>Empty without a query; a too-long query is answered 422 with its problem and nothing is searched.</summary>
    public static async Task<RequestSearchBox> RunAsync(
        AppDbContext db,
        IStringLocalizer text,
        HttpResponse response,
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
            response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return new RequestSearchBox(query[..MaxLength], [], text["Search_TooLong", MaxLength]);
        }
        var matching = RequestSearch.Matching(db, query);
        var found = await RequestRow.LoadAsync(db, text, [[.. ranges.Select(r => r.Where(x => matching.Contains(x.Id)))]], Shown, ct);
        // A request the reader both owns and sees through their team is in two ranges: listed once.
        return new RequestSearchBox(query, found[0].DistinctBy(r => r.Id).ToList(), null);
    }
}
