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

    /// <summary>What the requester searched for (<c>?q=</c>) among their own requests.</summary>
    public RequestSearchBox Search { get; private set; } = RequestSearchBox.Empty;

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        var me = ServiceDeskApi.UserId(User);
        var mine = db.Set<ServiceRequest>().Where(r => r.RequesterId == me);
        Search = await RequestSearchBox.RunAsync(db, text, Response, q, [mine], ct);
        Requests = await RequestRow.LoadAsync(db, text, mine, Shown, ct);
    }
}
