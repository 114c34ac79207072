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
    public static async Task<List<RequestRow>> LoadAsync(AppDbContext db, IStringLocalizer text, IQueryable<ServiceRequest> query, int take, CancellationToken ct)
    {
        var requests = await query.AsNoTracking().OrderByDescending(r => r.Key).Take(take).ToListAsync(ct);
        var places = await DeskLookups.PlacesAsync(db, requests.Select(r => r.RoomId), ct);
        var categories = await DeskLookups.CategoryLabelsAsync(db, text, requests.Select(r => r.CategoryId), ct);
        return requests
            .Select(r =>
            {
                var (key, due) = Next(r);
                return new RequestRow(r.Id, r.Number, r.Status.ToString(), r.Urgency.ToString(), places[r.RoomId], categories[r.CategoryId], r.CreatedAt, key, due, r.Overdue);
            })
            .ToList();
    }

    /// <summary>The next promise the office has to keep: acknowledge, be there, resolve; none once the work is done.</summary>
    private static (string?, DateTime?) Next(ServiceRequest r) =>
        r switch
        {
            { AcknowledgedAt: null, CompletedAt: null } => ("Commit_Acknowledge", r.AcknowledgeBy),
            { ArrivedAt: null, CompletedAt: null } => ("Commit_Arrive", r.ArriveBy),
            { CompletedAt: null } => ("Commit_Resolve", r.ResolveBy),
            _ => (null, null),
        };
}
