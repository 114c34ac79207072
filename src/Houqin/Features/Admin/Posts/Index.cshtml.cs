using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Posts;

public sealed class IndexModel(AppDbContext db, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public sealed record Row(Guid Id, string Code, string Name, string Team, List<string> Categories, bool RoundTheClock, int Holders);

    public List<Row> Items { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, 0, null);

    public async Task OnGetAsync(string? q, int p = 1, CancellationToken ct = default)
    {
        var query =
            from post in db.Set<Post>()
            join t in db.Set<Team>() on post.TeamId equals t.Id
            select new { post, t };
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(x => x.post.Code.Contains(q) || x.post.Name.Contains(q) || x.t.Name.Contains(q));
        }
        (Items, Paging) = await Paging.OfAsync(
            query.OrderBy(x => x.post.Code).Select(x => new Row(
                x.post.Id,
                x.post.Code,
                x.post.Name,
                x.t.Name,
                x.post.Categories,
                x.post.RoundTheClock,
                db.Set<PostAssignment>().Count(a => a.PostId == x.post.Id && a.To == null)
            )),
            p,
            q,
            ct
        );
    }
}
