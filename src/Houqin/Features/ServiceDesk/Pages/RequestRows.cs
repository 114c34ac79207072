using Houqin.Data;
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
    /// <summary>A page of a list: its rows and the cursor of the older ones, when there are more.</summary>
    public sealed record RowPage(IReadOnlyList<RequestRow> Rows, string? Older);

    /// <summary>A page of a list newest first, <paramref name="take"/> at most, from <paramref name="before"/> on.</summary>
    public static async Task<RowPage> LoadAsync(
        AppDbContext db,
        IStringLocalizer text,
        IReadOnlyList<IQueryable<ServiceRequest>> ranges,
        long? before,
        int take,
        CancellationToken ct
    ) => (await LoadAsync(db, text, [(ranges, before)], take, ct))[0];

    /// <summary>
    /// A page of each of several lists, newest first, each made of ranges paged as the API pages them
    /// (<see cref="RequestQueues.ReadAsync"/>: each range's newest read backwards on its index, merged here, which a
    /// UNION's plan is not always). The places and categories of all the lists are looked up once.
    /// </summary>
    public static async Task<List<RowPage>> LoadAsync(
        AppDbContext db,
        IStringLocalizer text,
        IReadOnlyList<(IReadOnlyList<IQueryable<ServiceRequest>> Ranges, long? Before)> lists,
        int take,
        CancellationToken ct
    )
    {
        var pages = new List<(List<Line> Lines, string? Older)>();
        foreach (var (ranges, before) in lists)
        {
            pages.Add(await RequestQueues.ReadAsync(ranges, before, take, Lines, l => l.Key, ct));
        }
        var all = pages.SelectMany(p => p.Lines).ToList();
        var places = await DeskLookups.PlacesAsync(db, all.Select(r => r.RoomId), ct);
        var categories = await DeskLookups.CategoryLabelsAsync(db, text, all.Select(r => r.CategoryId), ct);
        return pages
            .Select(p => new RowPage(
                p.Lines.Select(r =>
                    {
                        var (key, due) = Next(r);
                        return new RequestRow(r.Id, r.Number, r.Status.ToString(), r.Urgency.ToString(), places[r.RoomId], categories[r.CategoryId], r.CreatedAt, key, due, r.Overdue);
                    })
                    .ToList(),
                p.Older
            ))
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
