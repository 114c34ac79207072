using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using Houqin.Data;
using Houqin.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>The lists of requests: a requester's own, a staff member's owned and handled ones, a team's; newest first, keyset paged.</summary>
public static class RequestQueues
{
    public sealed record Page(IReadOnlyList<RequestView.RequestDto> Items, string? NextCursor);

    public static async Task<IResult> ListAsync(
        ClaimsPrincipal user,
        AppDbContext db,
        TimeProvider clock,
        string? scope,
        string? status,
        string? cursor,
        int? limit,
        string? q,
        CancellationToken ct
    )
    {
        var viewer = await Viewer.LoadAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        var me = viewer.UserId;
        var all = db.Set<ServiceRequest>().AsNoTracking();
        // Each list is one or more index ranges read newest first, n+1 entries each; a list that is the union of
        // several ranges (owned, team) reads each range separately and merges them here, because neither database
        // merges ordered ranges under an OR or an IN: it would read all of them and sort.
        List<IQueryable<ServiceRequest>> ranges;
        switch (scope ?? "mine")
        {
            case "mine":
                ranges = [all.Where(r => r.RequesterId == me)];
                break;
            case "owned":
                // Co-owners exist only after an escalation: that range reads the escalated requests (index on Key
                // where EscalationLevel > 0), not all of them.
                ranges = [all.Where(r => r.FirstContactOwnerId == me), all.Where(r => r.EscalationLevel > 0 && r.CoOwners.Contains(me) && r.FirstContactOwnerId != me)];
                break;
            case "handling":
                ranges = [all.Where(r => r.HandlerId == me)];
                break;
            case "handoffs":
                ranges = [all.Where(r => r.Status == RequestStatus.HandedOff && r.HandOffToId == me)];
                break;
            case "followups":
                // The referrals whose follow-up is owed (ADR 0021), the due first: a list in its own order (ADR 0025).
                ranges = [.. RequestFollowUps.Ranges(all, me)];
                break;
            case "all" when viewer.SeesAll:
                ranges = [all];
                break;
            case "team" when viewer.IsStaff:
                ranges = [.. viewer.TeamIds.Select(team => all.Where(r => r.TeamId == team))];
                break;
            default:
                return ApiProblem.Invalid("scope", viewer.IsStaff ? viewer.SeesAll ? "scope is mine, owned, handling, handoffs, followups, team or all" : "scope is mine, owned, handling, handoffs, followups or team" : "scope is mine");
        }
        if (status is not null)
        {
            if (!ServiceDeskApi.TryParse<RequestStatus>(status, out var s))
            {
                return ApiProblem.Invalid("status", "status is one of " + string.Join(", ", Enum.GetNames<RequestStatus>()));
            }
            ranges = [.. ranges.Select(query => query.Where(r => r.Status == s))];
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (q.Length > 100)
            {
                return ApiProblem.Invalid("q", "q is at most 100 characters");
            }
            var matching = Search.RequestSearch.Matching(db, q);
            ranges = [.. ranges.Select(query => query.Where(r => matching.Contains(r.Id)))];
        }
        var take = Math.Clamp(limit ?? 20, 1, 100);
        List<ServiceRequest> items;
        string? next;
        if (scope == "followups")
        {
            if (!RequestFollowUps.TryReadCursor(cursor, out var after))
            {
                return BadCursor();
            }
            (items, next) = await RequestFollowUps.ReadAsync(ranges, after, take, query => query, r => new RequestFollowUps.Place(r.ReferralFollowUpBy!.Value, r.Key), ct);
        }
        else
        {
            if (!TryReadCursor(cursor, out var before))
            {
                return BadCursor();
            }
            (items, next) = await ReadAsync(ranges, before, take, query => query, r => r.Key, ct);
        }
        return Results.Ok(new Page(await RequestView.ShowAsync(db, items, false, ct), next));
    }

    private static IResult BadCursor() => ApiProblem.Invalid("cursor", "cursor is the nextCursor of a previous page");

    /// <summary>
    /// One page of a list made of index ranges, for the API and the list pages alike: each range's newest
    /// <paramref name="take"/> + 1 before the cursor's key read on its own (<c>Key &lt; @before ORDER BY Key DESC
    /// LIMIT n+1</c>, one index range), merged newest first; and the cursor of the next page when there is more.
    /// Ranges may overlap (a search over what a viewer may see): a request is listed once.
    /// </summary>
    public static Task<(List<T> Items, string? Next)> ReadAsync<T>(
        IEnumerable<IQueryable<ServiceRequest>> ranges,
        long? before,
        int take,
        Func<IQueryable<ServiceRequest>, IQueryable<T>> project,
        Func<T, long> keyOf,
        CancellationToken ct
    ) =>
        ReadInOrderAsync(
            ranges,
            range => (before is { } b ? range.Where(r => r.Key < b) : range).OrderByDescending(r => r.Key),
            take,
            project,
            read => read.DistinctBy(keyOf).OrderByDescending(keyOf),
            last => WriteCursor(keyOf(last)),
            ct
        );

    /// <summary>
    /// The reading loop of every list: each range's first <paramref name="take"/> + 1 from the list's place in the
    /// list's order (<paramref name="fromPlace"/>: one index range each), read on its own and merged in the same order;
    /// and the cursor after the page's last item when there is more.
    /// </summary>
    internal static async Task<(List<T> Items, string? Next)> ReadInOrderAsync<T>(
        IEnumerable<IQueryable<ServiceRequest>> ranges,
        Func<IQueryable<ServiceRequest>, IQueryable<ServiceRequest>> fromPlace,
        int take,
        Func<IQueryable<ServiceRequest>, IQueryable<T>> project,
        Func<IEnumerable<T>, IEnumerable<T>> merge,
        Func<T, string> cursorAfter,
        CancellationToken ct
    )
    {
        var read = new List<T>();
        foreach (var range in ranges)
        {
            read.AddRange(await project(fromPlace(range)).Take(take + 1).ToListAsync(ct));
        }
        var page = merge(read).Take(take + 1).ToList();
        return page.Count > take ? (page[..take], cursorAfter(page[take - 1])) : (page, null);
    }

    /// <summary>The cursor of the page after the one ending with <paramref name="lastKey"/>: base64url of "year:sequence".</summary>
    public static string WriteCursor(long lastKey)
    {
        var (year, seq) = ServiceRequest.OfKey(lastKey);
        return Cursor($"{year}:{seq}");
    }

    /// <summary>A cursor: its colon-separated fields as base64url, opaque to clients.</summary>
    internal static string Cursor(string fields) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(fields));

    /// <summary>A cursor's fields, or null for one that is not base64url at all.</summary>
    internal static string[]? CursorFields(string cursor)
    {
        try
        {
            return Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The key a page starts before: none without a cursor (the newest); false for a cursor no page of ours wrote,
    /// which the API answers 422 and the list pages 422 with the words of their language.
    /// </summary>
    public static bool TryReadCursor(string? cursor, out long? before)
    {
        before = null;
        if (cursor is null)
        {
            return true;
        }
        if (CursorFields(cursor) is [var y, var s] && int.TryParse(y, out var year) && int.TryParse(s, out var seq))
        {
            before = ServiceRequest.KeyOf(year, seq);
            return true;
        }
        return false;
    }
}
