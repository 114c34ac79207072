using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Teams;

public sealed class EditModel(AppDbContext db, AuditLog audit, IStringLocalizer<OrganisationText> text) : AdminEditPageModel(text)
{
    public sealed class InputModel
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Leader { get; set; }

        public string? Deputy { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var t = await db.Set<Team>().FindAsync([id], ct);
            if (t is null)
            {
                return NotFound();
            }
            Input = new InputModel
            {
                Code = t.Code,
                Name = t.Name,
                Leader = await db.Users.Where(u => u.Id == t.LeaderId).Select(u => u.UserName).FirstOrDefaultAsync(ct),
                Deputy = await db.Users.Where(u => u.Id == t.DeputyDirectorId).Select(u => u.UserName).FirstOrDefaultAsync(ct),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Required(Input.Name, "Input.Name");
        Team? team = null;
        if (Id is { } id)
        {
            team = await db.Set<Team>().FindAsync([id], ct);
            if (team is null)
            {
                return NotFound();
            }
            Input.Code = team.Code;
        }
        else if (ValidCode(Input.Code, "Input.Code") && await db.Set<Team>().AnyAsync(t => t.Code == Input.Code!.Trim(), ct))
        {
            ModelState.AddModelError("Input.Code", Text["CodeTaken", Input.Code!]);
        }
        var leader = await UserLookup.FindAsync(db, Input.Leader, ct);
        if (leader is null && !string.IsNullOrWhiteSpace(Input.Leader))
        {
            ModelState.AddModelError("Input.Leader", Text["UnknownUser", Input.Leader]);
        }
        var deputy = await UserLookup.FindAsync(db, Input.Deputy, ct);
        if (deputy is null && !string.IsNullOrWhiteSpace(Input.Deputy))
        {
            ModelState.AddModelError("Input.Deputy", Text["UnknownUser", Input.Deputy]);
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var action = "team.changed";
        if (team is null)
        {
            team = new Team(Input.Code!, Input.Name!);
            db.Add(team);
            action = "team.created";
        }
        team.Rename(Input.Name!);
        team.SetChain(leader, deputy);
        audit.Record(action, "Team", team.Id, new { team.Code, team.Name, leader = Input.Leader, deputyDirector = Input.Deputy });
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage("Index");
    }
}
