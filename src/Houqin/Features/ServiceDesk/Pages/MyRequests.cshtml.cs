using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// The requests I reported, newest first, 100 at a time: the list goes on from the cursor in <c>?mine=</c> (the API's
/// scope name and cursor), with how many there are.
/// </summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class MyRequestsModel(AppDbContext db, IStringLocalizer<ServiceDeskText> text) : PageModel
{
    public const int Shown = 100;

    public RequestList Requests { get; private set; } = RequestList.Nothing;

    /// <summary>How many, up to <see cref="RequestList.CountedUpTo"/>: from the (RequesterId, Key) index alone.</summary>
    public int Count { get; private set; }

    /// <summary>What the requester searched for (<c>?q=</c>) among their own requests.</summary>
    public RequestSearchBox Search { get; private set; } = RequestSearchBox.Empty;

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        var me = ServiceDeskApi.UserId(User);
        var mine = db.Set<ServiceRequest>().Where(r => r.RequesterId == me);
        Search = await RequestSearchBox.RunAsync(db, text, HttpContext, q, [mine], ct);
        var start = ListStart.Read(HttpContext, text, "mine", "my-requests");
        Count = await RequestList.CountAsync(mine, ct);
        Requests = start.Show(Request, await RequestRow.LoadAsync(db, text, start.Ranges([mine]), start.Before, Shown, ct));
    }
}
