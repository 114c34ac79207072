using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Campuses;

public sealed class EditModel(AppDbContext db, AuditLog audit, IStringLocalizer<OrganisationText> text) : AdminEditPageModel(text)
{
    public sealed class InputModel
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? RegionCode { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var c = await db.Set<Campus>().FindAsync([id], ct);
            if (c is null)
            {
                return NotFound();
            }
            Input = new InputModel { Code = c.Code, Name = c.Name, RegionCode = c.RegionCode };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Required(Input.Name, "Input.Name");
        Campus? campus;
        if (Id is { } id)
        {
            campus = await db.Set<Campus>().FindAsync([id], ct);
            if (campus is null)
            {
                return NotFound();
            }
            Input.Code = campus.Code;
        }
        else
        {
            campus = null;
            if (ValidCode(Input.Code, "Input.Code") && await db.Set<Campus>().AnyAsync(c => c.Code == Input.Code!.Trim(), ct))
            {
                ModelState.AddModelError("Input.Code", Text["CodeTaken", Input.Code!]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        if (campus is null)
        {
            campus = new Campus(Input.Code!, Input.Name!, Input.RegionCode ?? "");
            db.Add(campus);
            audit.Record("campus.created", "Campus", campus.Id, new { campus.Code, campus.Name, campus.RegionCode });
        }
        else
        {
            campus.Describe(Input.Name!, Input.RegionCode ?? "");
            audit.Record("campus.changed", "Campus", campus.Id, new { campus.Code, campus.Name, campus.RegionCode });
        }
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage("Index");
    }
}
