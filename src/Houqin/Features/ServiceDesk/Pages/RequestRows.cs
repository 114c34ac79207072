using Houqin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>A request as a line of a list: number, status, place, category, and the commitment that counts now.</summary>
public sealed record RequestRow(
    Guid Id,
    string Number,
    string Status,
    string Urgency,
    string Place,
    string Category,
    DateTime CreatedAt,
    string? NextKey,
    DateTime? NextDue,
    bool Overdue
)
{
    /// <summary>Newest first; <paramref name="take"/> at most.</summary>
    public static async Task<List<RequestRow>> LoadAsync(AppDbContext db, IStringLocalizer text, IQueryable<ServiceRequest> query, int take, CancellationToken ct) =>
        (await LoadAsync(db, text, [[query]], take, ct))[0];

    /// <summary>
    /// Several lists, each newest first and made of ranges that do not overlap: each range's newest read on its own
    /// (an index read backwards on both databases, which a UNION's plan is not always) and merged here. The places and
    /// categories of all the lists are looked up once.
    /// </summary>
    public static async Task<List<List<RequestRow>>> LoadAsync(
        AppDbContext db,
        IStringLocalizer text,
        IReadOnlyList<IReadOnlyList<IQueryable<ServiceRequest>>> lists,
        int take,
        CancellationToken ct
    )
    {
        var lines = new List<List<Line>>();
        foreach (var ranges in lists)
        {
            var merged = new List<Line>();
            foreach (var range in ranges)
            {
                merged.AddRange(await Lines(range.OrderByDescending(r => r.Key).Take(take)).ToListAsync(ct));
            }
            lines.Add(merged.OrderByDescending(r => r.Key).Take(take).ToList());
        }
        var all = lines.SelectMany(l => l).ToList();
        var places = await DeskLookups.PlacesAsync(db, all.Select(r => r.RoomId), ct);
        var categories = await DeskLookups.CategoryLabelsAsync(db, text, all.Select(r => r.CategoryId), ct);
        return lines
            .Select(l =>
                l.Select(r =>
                    {
                        var (key, due) = Next(r);
                        return new RequestRow(r.Id, r.Number, r.Status.ToString(), r.Urgency.ToString(), places[r.RoomId], categories[r.CategoryId], r.CreatedAt, key, due, r.Overdue);
                    })
                    .ToList()
            )
            .ToList();
    }

    // The columns a line shows, not the whole request (its description, co-owners and materials stay in the table);
    // the key to merge ranges by.
    private sealed record Line(
        Guid Id,
        long Key,
        string Number,
        RequestStatus Status,
        Urgency Urgency,
        Guid RoomId,
        Guid CategoryId,
        DateTime CreatedAt,
        DateTime AcknowledgeBy,
        DateTime? AcknowledgedAt,
        DateTime ArriveBy,
        DateTime? ArrivedAt,
        DateTime ResolveBy,
        DateTime? CompletedAt,
        bool Overdue
    );

    private static IQueryable<Line> Lines(IQueryable<ServiceRequest> query) =>
        query.Select(r => new Line(
            r.Id,
            r.Key,
            r.Number,
            r.Status,
            r.Urgency,
            r.RoomId,
            r.CategoryId,
            r.CreatedAt,
            r.AcknowledgeBy,
            r.AcknowledgedAt,
            r.ArriveBy,
            r.ArrivedAt,
            r.ResolveBy,
            r.CompletedAt,
            r.Overdue
        ));

    /// <summary>The next promise the office has to keep: acknowledge, be there, resolve; none once the work is done.</summary>
    private static (string?, DateTime?) Next(Line r) =>
        r switch
        {
            { AcknowledgedAt: null, CompletedAt: null } => ("Commit_Acknowledge", r.AcknowledgeBy),
            { ArrivedAt: null, CompletedAt: null } => ("Commit_Arrive", r.ArriveBy),
            { CompletedAt: null } => ("Commit_Resolve", r.ResolveBy),
            _ => (null, null),
        };
}
