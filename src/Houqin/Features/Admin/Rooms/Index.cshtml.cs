using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Rooms;

/// <summary>Rooms, searched exactly as the service desk's place picker searches them (<see cref="OrganisationApi.SearchRooms"/>).</summary>
public sealed class IndexModel(AppDbContext db, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public List<OrganisationApi.RoomDto> Items { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, 0, null);

    public async Task OnGetAsync(string? q, int p = 1, CancellationToken ct = default) =>
        (Items, Paging) = await Paging.OfAsync(OrganisationApi.SearchRooms(db, q), p, q, ct);
}
