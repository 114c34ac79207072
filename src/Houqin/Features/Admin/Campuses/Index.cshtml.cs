using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Campuses;

public sealed class IndexModel(AppDbContext db, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public sealed record Row(Guid Id, string Code, string Name, string RegionCode, int Buildings);

    public List<Row> Items { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, 0, null);

    public async Task OnGetAsync(string? q, int p = 1, CancellationToken ct = default)
    {
        var query = db.Set<Campus>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(c => c.Code.Contains(q) || c.Name.Contains(q));
        }
        (Items, Paging) = await Paging.OfAsync(
            query.OrderBy(c => c.Code).Select(c => new Row(c.Id, c.Code, c.Name, c.RegionCode, db.Set<Building>().Count(b => b.CampusId == c.Id))),
            p,
            q,
            ct
        );
    }
}
