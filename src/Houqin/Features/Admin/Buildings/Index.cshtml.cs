using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Buildings;

public sealed class IndexModel(AppDbContext db, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public sealed record Row(Guid Id, string Code, string Name, BuildingKind Kind, string Campus, int Rooms);

    public List<Row> Items { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, 0, null);

    public async Task OnGetAsync(string? q, int p = 1, CancellationToken ct = default)
    {
        var query =
            from b in db.Set<Building>()
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            select new { b, c };
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(x => x.b.Code.Contains(q) || x.b.Name.Contains(q) || x.c.Name.Contains(q));
        }
        (Items, Paging) = await Paging.OfAsync(
            query.OrderBy(x => x.b.Code).Select(x => new Row(x.b.Id, x.b.Code, x.b.Name, x.b.Kind, x.c.Name, db.Set<Room>().Count(r => r.BuildingId == x.b.Id))),
            p,
            q,
            ct
        );
    }
}
