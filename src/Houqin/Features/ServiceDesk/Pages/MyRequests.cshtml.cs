using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>The requests I reported, newest first.</summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class MyRequestsModel(AppDbContext db, IStringLocalizer<ServiceDeskText> text) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = ServiceDeskApi.UserId(User);
        Requests = await RequestRow.LoadAsync(db, text, db.Set<ServiceRequest>().Where(r => r.RequesterId == me), Shown, ct);
    }
}
