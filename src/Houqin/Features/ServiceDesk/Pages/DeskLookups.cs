using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>One option of a select: the code sent, the words shown.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>A top category and the subcategories under it (two levels).</summary>
public sealed record CategoryGroup(Choice Top, IReadOnlyList<Choice> Subcategories);

/// <summary>
/// The place picked in three steps, campus → building → room; each step's options depend on the one above.
/// A room alone (from a door's QR code) fills in the steps above it; a lower step that no longer fits the
/// one above it (the campus was changed) is cleared.
/// </summary>
public sealed record PlacePicker(
    string? Campus,
    string? Building,
    string? Room,
    IReadOnlyList<Choice> Campuses,
    IReadOnlyList<Choice> Buildings,
    IReadOnlyList<Choice> Rooms
)
{
    public static async Task<PlacePicker> LoadAsync(AppDbContext db, string? campus, string? building, string? room, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(campus) && !string.IsNullOrWhiteSpace(room))
        {
            var found = await (
                from r in db.Set<Room>()
                join b in db.Set<Building>() on r.BuildingId equals b.Id
                join c in db.Set<Campus>() on b.CampusId equals c.Id
                where r.Code == room
                select new { Building = b.Code, Campus = c.Code }
            ).FirstOrDefaultAsync(ct);
            (campus, building) = (found?.Campus, found?.Building);
        }
        var campuses = await db.Set<Campus>().OrderBy(c => c.Code).Select(c => new Choice(c.Code, c.Name)).ToListAsync(ct);
        campus = campuses.Any(c => c.Value == campus) ? campus : null;
        List<Choice> buildings = [];
        if (campus is not null)
        {
            buildings = await (
                from b in db.Set<Building>()
                join c in db.Set<Campus>() on b.CampusId equals c.Id
                where c.Code == campus
                orderby b.Code
                select new Choice(b.Code, b.Code + " " + b.Name)
            ).ToListAsync(ct);
        }
        building = buildings.Any(b => b.Value == building) ? building : null;
        List<Choice> rooms = [];
        if (building is not null)
        {
            rooms = (
                await (
                    from r in db.Set<Room>()
                    join b in db.Set<Building>() on r.BuildingId equals b.Id
                    where b.Code == building
                    orderby r.Code
                    select new { r.Code, r.Number, r.Name }
                ).ToListAsync(ct)
            )
                .Select(r => new Choice(r.Code, r.Name.Length > 0 ? $"{r.Number} {r.Name}" : r.Number))
                .ToList();
        }
        room = rooms.Any(r => r.Value == room) ? room : null;
        return new PlacePicker(campus, building, room, campuses, buildings, rooms);
    }
}

/// <summary>Words for places and categories as people read them, and the lists the forms offer.</summary>
public static class DeskLookups
{
    /// <summary>Each room as "东校区 · E-01 1号楼 · 101 宿舍".</summary>
    public static async Task<Dictionary<Guid, string>> PlacesAsync(AppDbContext db, IEnumerable<Guid> roomIds, CancellationToken ct)
    {
        var ids = roomIds.Distinct().ToList();
        var rows = await (
            from r in db.Set<Room>()
            join b in db.Set<Building>() on r.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            where ids.Contains(r.Id)
            select new { r.Id, Campus = c.Name, b.Code, Building = b.Name, r.Number, r.Name }
        ).ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Id,
            r => $"{r.Campus} · {r.Code} {r.Building} · {(r.Name.Length > 0 ? $"{r.Number} {r.Name}" : r.Number)}"
        );
    }

    public static async Task<List<CategoryGroup>> CategoriesAsync(AppDbContext db, IStringLocalizer text, CancellationToken ct)
    {
        var all = await db.Set<ServiceCategory>().AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Code, c.Name, c.ParentId }).ToListAsync(ct);
        return all.Where(c => c.ParentId is null)
            .Select(top => new CategoryGroup(
                new Choice(top.Code, text.CategoryName(top.Code, top.Name)),
                all.Where(s => s.ParentId == top.Id).Select(s => new Choice(s.Code, text.CategoryName(s.Code, s.Name))).ToList()
            ))
            .ToList();
    }

    /// <summary>Each category as "水 · 漏水" (or the top category alone).</summary>
    public static async Task<Dictionary<Guid, string>> CategoryLabelsAsync(AppDbContext db, IStringLocalizer text, IEnumerable<Guid> categoryIds, CancellationToken ct)
    {
        var ids = categoryIds.Distinct().ToList();
        var rows = await (
            from c in db.Set<ServiceCategory>().AsNoTracking()
            where ids.Contains(c.Id)
            join p in db.Set<ServiceCategory>().AsNoTracking() on c.ParentId equals p.Id into parents
            from p in parents.DefaultIfEmpty()
            select new { c.Id, c.Code, c.Name, ParentCode = p == null ? null : p.Code, ParentName = p == null ? null : p.Name }
        ).ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Id,
            r => r.ParentCode is null ? text.CategoryName(r.Code, r.Name) : $"{text.CategoryName(r.ParentCode, r.ParentName!)} · {text.CategoryName(r.Code, r.Name)}"
        );
    }
}

/// <summary>Looking words up with a fallback, so a code the resources do not know yet still shows something.</summary>
public static class DeskWords
{
    /// <summary>Categories are named in Chinese in the database; other languages take the resource's name.</summary>
    public static string CategoryName(this IStringLocalizer text, string code, string name) => text.Or("Category_" + code, name);

    public static string Status(this IStringLocalizer text, string status) => text.Or("Status_" + status, status);

    public static string Urgency(this IStringLocalizer text, string urgency) => text.Or("Urgency_" + urgency, urgency);

    /// <summary>An audit action in plain words; an action the resources do not know yet shows its code.</summary>
    public static string Sentence(this IStringLocalizer text, string action, string actor)
    {
        var s = text["Action_" + action, actor];
        return s.ResourceNotFound ? $"{actor} · {action}" : s.Value;
    }
}
