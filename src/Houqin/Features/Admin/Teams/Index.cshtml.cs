using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Teams;

public sealed class IndexModel(AppDbContext db, AuditLog audit, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public sealed record Row(Guid Id, string Code, string Name, string? Leader, string? Deputy, int Posts);

    public List<Row> Items { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, 0, null);

    [BindProperty]
    public string? DirectorUserName { get; set; }

    public async Task OnGetAsync(string? q, int p = 1, CancellationToken ct = default)
    {
        await LoadAsync(q, p, ct);
        var directorId = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        DirectorUserName = await db.Users.Where(u => u.Id == directorId).Select(u => u.UserName).FirstOrDefaultAsync(ct);
    }

    private async Task LoadAsync(string? q, int p, CancellationToken ct)
    {
        var query = db.Set<Team>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(t => t.Code.Contains(q) || t.Name.Contains(q));
        }
        (Items, Paging) = await Paging.OfAsync(
            query.OrderBy(t => t.Code).Select(t => new Row(
                t.Id,
                t.Code,
                t.Name,
                db.Users.Where(u => u.Id == t.LeaderId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Where(u => u.Id == t.DeputyDirectorId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Set<Post>().Count(x => x.TeamId == t.Id)
            )),
            p,
            q,
            ct
        );
    }

    public async Task<IActionResult> OnPostDirectorAsync(CancellationToken ct)
    {
        var director = await UserLookup.FindAsync(db, DirectorUserName, ct);
        if (director is null)
        {
            ModelState.AddModelError(nameof(DirectorUserName), Text["UnknownUser", DirectorUserName ?? ""]);
            await LoadAsync(null, 1, ct);
            return Invalid();
        }
        var office = await db.Set<Office>().FirstOrDefaultAsync(ct);
        if (office is null)
        {
            office = new Office("总务后勤处");
            db.Add(office);
        }
        office.Appoint(director.Value);
        audit.Record("office.director_appointed", "Office", office.Id, new { director = DirectorUserName });
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage();
    }
}
