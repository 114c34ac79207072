using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin;

public sealed class IndexModel(AppDbContext db, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public IReadOnlyList<(string Key, int Count, string Link)> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Counts =
        [
            ("Campuses", await db.Set<Campus>().CountAsync(ct), "/Admin/Campuses"),
            ("Buildings", await db.Set<Building>().CountAsync(ct), "/Admin/Buildings"),
            ("Rooms", await db.Set<Room>().CountAsync(ct), "/Admin/Rooms"),
            ("Teams", await db.Set<Team>().CountAsync(ct), "/Admin/Teams"),
            ("Posts", await db.Set<Post>().CountAsync(ct), "/Admin/Posts"),
            ("People", await db.Users.CountAsync(ct), "/Admin/People"),
        ];
}
