using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Buildings;

public sealed class EditModel(AppDbContext db, AuditLog audit, IStringLocalizer<OrganisationText> text) : AdminEditPageModel(text)
{
    public sealed class InputModel
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public Guid? CampusId { get; set; }

        public BuildingKind Kind { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Campus> Campuses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Campuses = await db.Set<Campus>().OrderBy(c => c.Code).ToListAsync(ct);
        if (Id is { } id)
        {
            var b = await db.Set<Building>().FindAsync([id], ct);
            if (b is null)
            {
                return NotFound();
            }
            Input = new InputModel { Code = b.Code, Name = b.Name, CampusId = b.CampusId, Kind = b.Kind };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Campuses = await db.Set<Campus>().OrderBy(c => c.Code).ToListAsync(ct);
        Required(Input.Name, "Input.Name");
        Building? building = null;
        if (Id is { } id)
        {
            building = await db.Set<Building>().FindAsync([id], ct);
            if (building is null)
            {
                return NotFound();
            }
            Input.Code = building.Code;
            Input.CampusId = building.CampusId;
        }
        else
        {
            if (ValidCode(Input.Code, "Input.Code") && await db.Set<Building>().AnyAsync(b => b.Code == Input.Code!.Trim(), ct))
            {
                ModelState.AddModelError("Input.Code", Text["CodeTaken", Input.Code!]);
            }
            if (Campuses.All(c => c.Id != Input.CampusId))
            {
                ModelState.AddModelError("Input.CampusId", Text["Required"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        if (building is null)
        {
            building = new Building(Campuses.Single(c => c.Id == Input.CampusId), Input.Code!, Input.Name!, Input.Kind);
            db.Add(building);
            audit.Record("building.created", "Building", building.Id, new { building.Code, building.Name, kind = building.Kind.ToString() });
        }
        else
        {
            building.Describe(Input.Name!, Input.Kind);
            audit.Record("building.changed", "Building", building.Id, new { building.Code, building.Name, kind = building.Kind.ToString() });
        }
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage("Index");
    }
}
