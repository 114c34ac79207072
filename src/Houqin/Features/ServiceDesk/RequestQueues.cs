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
        var query = db.Set<ServiceRequest>().AsNoTracking();
        switch (scope ?? "mine")
        {
            case "mine":
                query = query.Where(r => r.RequesterId == me);
                break;
            case "owned":
                query = query.Where(r => r.FirstContactOwnerId == me || r.CoOwners.Contains(me));
                break;
            case "handling":
                query = query.Where(r => r.HandlerId == me);
                break;
            case "handoffs":
                query = query.Where(r => r.Status == RequestStatus.HandedOff && r.HandOffToId == me);
                break;
            case "all" when viewer.SeesAll:
                break;
            case "team" when viewer.IsStaff:
                var teams = viewer.TeamIds.ToList();
                query = query.Where(r => teams.Contains(r.TeamId));
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
            query = query.Where(r => r.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (q.Length > 100)
            {
                return ApiProblem.Invalid("q", "q is at most 100 characters");
            }
            var matching = Search.RequestSearch.Matching(db, q);
            query = query.Where(r => matching.Contains(r.Id));
        }
        if (cursor is not null)
        {
            if (!TryReadCursor(cursor, out var year, out var seq))
            {
                return ApiProblem.Invalid("cursor", "cursor is the nextCursor of a previous page");
            }
            var before = ServiceRequest.KeyOf(year, seq);
            query = query.Where(r => r.Key < before);
        }
        var take = Math.Clamp(limit ?? 20, 1, 100);
        var page = await query.OrderByDescending(r => r.Key).Take(take + 1).ToListAsync(ct);
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
