using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>Reading and ticking checklists, for the API and the pages alike.</summary>
public sealed class Checklists(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public sealed record ItemDto(
        Guid Id,
        string Title,
        DateTime WindowFrom,
        DateTime WindowTo,
        bool PhotoRequired,
        string? ReadingUnit,
        string Status,
        DateTime? DoneAt,
        decimal? Reading,
        bool HasPhoto
    );

    public sealed record ChecklistDto(Guid Id, string PostCode, string PostName, DateOnly Date, string UserName, string DisplayName, IReadOnlyList<ItemDto> Items);

    /// <summary>Largest reading accepted: meters have at most a dozen digits.</summary>
    public const decimal MaxReading = 1_000_000_000_000m;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => WorkingCalendar.LocalDate(Now);

    /// <summary>The person's checklists of a date, each with its items by window.</summary>
    public async Task<IReadOnlyList<ChecklistDto>> OfAsync(Guid userId, DateOnly date, CancellationToken ct)
    {
        var ids = await db.Set<DailyChecklist>().Where(c => c.UserId == userId && c.Date == date).Select(c => c.Id).ToListAsync(ct);
        return await ShowAsync(ids, ct);
    }

    /// <summary>The checklist if <paramref name="user"/> holds it or oversees its post; else null (a 404).</summary>
    public async Task<DailyChecklist?> VisibleAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var list = await db.Set<DailyChecklist>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (list is null)
        {
            return null;
        }
        return list.UserId == Oversight.Me(user) || await Oversight.OverseesPostAsync(db, user, list.PostId, ct) ? list : null;
    }

    public async Task<ChecklistDto?> ShowAsync(ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        await VisibleAsync(user, id, ct) is null ? null : (await ShowAsync([id], ct)).SingleOrDefault();

    private async Task<IReadOnlyList<ChecklistDto>> ShowAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var heads = await (
            from c in db.Set<DailyChecklist>()
            join p in db.Set<Post>() on c.PostId equals p.Id
            join u in db.Users on c.UserId equals u.Id
            where ids.Contains(c.Id)
            orderby p.Code
            select new { c.Id, p.Code, p.Name, c.Date, u.UserName, u.DisplayName }
        ).ToListAsync(ct);
        var items = (await db.Set<ChecklistItem>().AsNoTracking().Where(i => ids.Contains(i.ChecklistId)).ToListAsync(ct))
            .OrderBy(i => i.WindowFrom)
            .ThenBy(i => i.Title, StringComparer.Ordinal)
            .ToLookup(i => i.ChecklistId);
        return heads
            .Select(h => new ChecklistDto(
                h.Id,
                h.Code,
                h.Name,
                h.Date,
                h.UserName ?? "",
                h.DisplayName,
                items[h.Id].Select(i => new ItemDto(i.Id, i.Title, i.WindowFrom, i.WindowTo, i.PhotoRequired, i.ReadingUnit, i.Status.ToString(), i.DoneAt, i.Reading, i.PhotoName is not null)).ToList()
            ))
            .ToList();
    }

    /// <summary>The item of a checklist the caller may see, tracked for a change; null when either is not theirs to see.</summary>
    public async Task<ChecklistItem?> ItemAsync(ClaimsPrincipal user, Guid checklistId, Guid itemId, CancellationToken ct) =>
        await VisibleAsync(user, checklistId, ct) is null
            ? null
            : await db.Set<ChecklistItem>().SingleOrDefaultAsync(i => i.Id == itemId && i.ChecklistId == checklistId, ct);

    /// <summary>The holder ticks an item; throws the rule or field refusing it.</summary>
    public async Task TickAsync(ChecklistItem item, Guid by, decimal? reading, CancellationToken ct)
    {
        if (reading is { } r && (r >= MaxReading || r <= -MaxReading))
        {
            throw new AssessmentFieldException("reading", "The reading is out of range.");
        }
        item.Tick(by, reading, Now);
        audit.Record("checklist.item_done", ChecklistOpening.SubjectType, item.ChecklistId, new { item = item.Id, item.Title, reading, photo = item.PhotoName is not null });
        await db.SaveChangesAsync(ct);
    }
}
