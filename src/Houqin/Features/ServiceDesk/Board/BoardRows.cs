using Houqin.Data;
using Houqin.Features.ServiceDesk.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Board;

/// <summary>A request as a line of the board, with what the section says about it (the missed commitment, the receiver…).</summary>
public sealed record BoardRow(Guid Id, string Number, string Status, string Urgency, string Category, string Place, string Team, int Level, bool Overdue, IReadOnlyList<string> Notes);

/// <summary>A section of the board: how many there are, and the first of them (at most <see cref="TeamBoard.Shown"/>).</summary>
public sealed record BoardSection(string Id, int Count, IReadOnlyList<BoardRow> Rows)
{
    public int More => Count - Rows.Count;
}

public static class BoardRows
{
    /// <summary>The first <paramref name="take"/> of an ordered query, with places, categories and team names looked up once.</summary>
    public static async Task<BoardSection> SectionAsync(
        AppDbContext db,
        IStringLocalizer<ServiceDeskText> desk,
        string id,
        IQueryable<ServiceRequest> query,
        IOrderedQueryable<ServiceRequest> ordered,
        IReadOnlyDictionary<Guid, string> teams,
        Func<ServiceRequest, IEnumerable<string>> notes,
        int take,
        CancellationToken ct
    )
    {
        var count = await query.CountAsync(ct);
        var requests = count == 0 ? [] : await ordered.Take(take).ToListAsync(ct);
        var places = await DeskLookups.PlacesAsync(db, requests.Select(r => r.RoomId), ct);
        var categories = await DeskLookups.CategoryLabelsAsync(db, desk, requests.Select(r => r.CategoryId), ct);
        var rows = requests
            .Select(r => new BoardRow(
                r.Id,
                r.Number,
                r.Status.ToString(),
                r.Urgency.ToString(),
                categories[r.CategoryId],
                places[r.RoomId],
                teams.GetValueOrDefault(r.TeamId, ""),
                r.EscalationLevel,
                r.Overdue,
                notes(r).ToList()
            ))
            .ToList();
        return new BoardSection(id, count, rows);
    }
}
