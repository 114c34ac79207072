using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Rooms;

public sealed class EditModel(AppDbContext db, AuditLog audit, IStringLocalizer<OrganisationText> text) : AdminEditPageModel(text)
{
    public sealed class InputModel
    {
        public string? Code { get; set; }

        public Guid? BuildingId { get; set; }

        public int? Floor { get; set; }

        public string? Number { get; set; }

        public string? Name { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string QrToken { get; private set; } = "";

    public List<Building> Buildings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Buildings = await db.Set<Building>().OrderBy(b => b.Code).ToListAsync(ct);
        if (Id is { } id)
        {
            var room = await db.Set<Room>().FindAsync([id], ct);
            if (room is null)
            {
                return NotFound();
            }
            var level = await db.Set<Floor>().Where(f => f.Id == room.FloorId).Select(f => (int?)f.Level).FirstOrDefaultAsync(ct);
            Input = new InputModel { Code = room.Code, BuildingId = room.BuildingId, Floor = level, Number = room.Number, Name = room.Name };
            QrToken = room.QrToken;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Buildings = await db.Set<Building>().OrderBy(b => b.Code).ToListAsync(ct);
        Required(Input.Number, "Input.Number");
        if (Input.Floor is { } lv && (lv == 0 || lv is < -10 or > 200))
        {
            ModelState.AddModelError("Input.Floor", Text["BadFloor", lv]);
        }
        Room? room = null;
        if (Id is { } id)
        {
            room = await db.Set<Room>().FindAsync([id], ct);
            if (room is null)
            {
                return NotFound();
            }
            Input.Code = room.Code;
            Input.BuildingId = room.BuildingId;
            QrToken = room.QrToken;
        }
        else
        {
            if (ValidCode(Input.Code, "Input.Code") && await db.Set<Room>().AnyAsync(r => r.Code == Input.Code!.Trim(), ct))
            {
                ModelState.AddModelError("Input.Code", Text["DuplicateRoom", Input.Code!]);
            }
            if (Buildings.All(b => b.Id != Input.BuildingId))
            {
                ModelState.AddModelError("Input.BuildingId", Text["Required"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var building = Buildings.Single(b => b.Id == Input.BuildingId);
        Floor? floor = null;
        if (Input.Floor is { } level)
        {
            floor = await db.Set<Floor>().FirstOrDefaultAsync(f => f.BuildingId == building.Id && f.Level == level, ct);
            if (floor is null)
            {
                floor = new Floor(building, level);
                db.Add(floor);
            }
        }
        if (room is null)
        {
            room = new Room(building, floor, Input.Code!, Input.Number!, Input.Name ?? "");
            db.Add(room);
            audit.Record("room.created", "Room", room.Id, new { room.Code, building = building.Code, floor = Input.Floor, room.Number, room.Name });
        }
        else
        {
            room.Describe(Input.Number!, Input.Name ?? "", floor);
            audit.Record("room.changed", "Room", room.Id, new { room.Code, floor = Input.Floor, room.Number, room.Name });
        }
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage("Index", new { q = room.Code });
    }

    public async Task<IActionResult> OnPostQrAsync(CancellationToken ct)
    {
        var room = Id is { } id ? await db.Set<Room>().FindAsync([id], ct) : null;
        if (room is null)
        {
            return NotFound();
        }
        room.RegenerateQrToken();
        // The token itself is not logged: the audit log is public in part, and the token is the door's key to reporting.
        audit.Record("room.qr_regenerated", "Room", room.Id, new { room.Code });
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage("Edit", new { id = room.Id });
    }
}
