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
            case "all" when viewer.SeesAll:
                ranges = [all];
                break;
            case "team" when viewer.IsStaff:
                ranges = [.. viewer.TeamIds.Select(team => all.Where(r => r.TeamId == team))];
                break;
            default:
                return ApiProblem.Invalid("scope", viewer.IsStaff ? viewer.SeesAll ? "scope is mine, owned, handling, handoffs, team or all" : "scope is mine, owned, handling, handoffs or team" : "scope is mine");
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
        if (cursor is not null)
        {
            if (!TryReadCursor(cursor, out var year, out var seq))
            {
                return ApiProblem.Invalid("cursor", "cursor is the nextCursor of a previous page");
            }
            var before = ServiceRequest.KeyOf(year, seq);
            ranges = [.. ranges.Select(query => query.Where(r => r.Key < before))];
        }
        var take = Math.Clamp(limit ?? 20, 1, 100);
        List<ServiceRequest> page = [];
        foreach (var query in ranges)
        {
            page.AddRange(await query.OrderByDescending(r => r.Key).Take(take + 1).ToListAsync(ct));
        }
        page = [.. page.OrderByDescending(r => r.Key).Take(take + 1)];
        var more = page.Count > take;
        var items = page.Take(take).ToList();
        var next = more ? WriteCursor(items[^1].Year, items[^1].Sequence) : null;
        return Results.Ok(new Page(await RequestView.ShowAsync(db, items, false, ct), next));
    }

    private static string WriteCursor(int year, int seq) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{year}:{seq}"));

    private static bool TryReadCursor(string cursor, out int year, out int seq)
    {
        year = seq = 0;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            return parts.Length == 2 && int.TryParse(parts[0], out year) && int.TryParse(parts[1], out seq);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
