using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// One list of a list page (/desk's sections, /requests, the search results) as shown: a page of rows newest first,
/// the link to the older ones and the link back to the newest, or why the list could not be read. A list in another
/// order (the follow-ups owed, due first) names its own words for the two links (<c>{Words}_Older</c>, <c>_Newest</c>).
/// </summary>
public sealed record RequestList(IReadOnlyList<RequestRow> Rows, string? Older, string? Newest, string? Problem, string Words = "List")
{
    /// <summary>
    /// Counts stop here: past it a list reads "999+". An exact count reads the person's whole range, which grows with a
    /// backlog; a page must cost the same whatever the backlog (issue 3's list aim, ADR 0016).
    /// </summary>
    public const int CountedUpTo = 999;

    public static readonly RequestList Nothing = new([], null, null, null);

    /// <summary>How many <paramref name="range"/> holds, up to one past <see cref="CountedUpTo"/>: its index read no further.</summary>
    public static Task<int> CountAsync(IQueryable<ServiceRequest> range, CancellationToken ct) => range.Take(CountedUpTo + 1).CountAsync(ct);

    public static string CountText(int count) => count > CountedUpTo ? $"{CountedUpTo}+" : count.ToString(CultureInfo.InvariantCulture);
}
