using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Board;

/// <summary>
/// The leaders' board (看板): overdue requests, those escalated to me, rulings waiting, bounces and reopenings,
/// ratings and open complaints of the teams I answer for. Filters are GET parameters so the address can be shared;
/// <c>?handler=Sections</c> answers the sections alone, which htmx fetches every 30 seconds with the same filters.
/// Leaders only: the auditor reads requests, ratings and complaints through the request pages and the API instead,
/// since this board is a to-do list for those who act on it (escalated to me, rulings) rather than a record.
/// </summary>
[Authorize(Policy = Permissions.Leaders)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock, IStringLocalizer<ServiceDeskText> desk, IStringLocalizer<BoardText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Urgency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public BoardFilter Filter { get; private set; } = null!;

    public TeamBoard Board { get; private set; } = null!;

    public IReadOnlyList<Pages.CategoryGroup> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Categories = await Pages.DeskLookups.CategoriesAsync(db, desk, ct);
    }

    public async Task<IActionResult> OnGetSectionsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Board", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var me = ServiceDeskApi.UserId(User);
        Filter = await BoardFilter.ReadAsync(db, me, User.IsInRole(Roles.Director), Team, Urgency, Category, Period, now, ct);
        Board = await TeamBoard.LoadAsync(db, desk, text, Filter, me, now, ct);
    }
}
