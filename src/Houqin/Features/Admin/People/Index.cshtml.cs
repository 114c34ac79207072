using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.People;

public sealed class IndexModel(AppDbContext db, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public sealed record Row(Guid Id, string UserName, string DisplayName, PersonKind Kind, string? Department, bool Disabled);

    public List<Row> Items { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, 0, null);

    public async Task OnGetAsync(string? q, int p = 1, CancellationToken ct = default)
    {
        var query = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var upper = q.Trim().ToUpperInvariant();
            query = query.Where(u =>
                u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(q) || (u.Department != null && u.Department.Contains(q)) || u.StudentNo == q
            );
        }
        (Items, Paging) = await Paging.OfAsync(
            query.OrderBy(u => u.UserName).Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Kind, u.Department, u.Disabled)),
            p,
            q,
            ct
        );
    }
}
