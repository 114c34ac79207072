using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// A staff member's queue: the open requests they own as first contact (or co-own after an escalation), those
/// they handle, and the hand-offs waiting for them to accept. Newest first; each section with its count.
/// </summary>
[Authorize(Policy = Permissions.OfficeStaff)]
public sealed class QueueModel(AppDbContext db, IStringLocalizer<ServiceDeskText> text) : PageModel
{
    public const int Shown = 50;

    public sealed record Section(string Id, string TitleKey, int Count, IReadOnlyList<RequestRow> Requests);

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = ServiceDeskApi.UserId(User);
        // Each range is read from its own partial index (ServiceRequestConfiguration), the counts from the index alone:
        // the open filter must stay written as those indexes write it.
        var open = db.Set<ServiceRequest>().Where(r => r.Status != RequestStatus.Confirmed && r.Status != RequestStatus.Referred);
        (string Id, string TitleKey, IQueryable<ServiceRequest> Query)[] ranges =
        [
            ("owned", "Queue_Owned", open.Where(r => r.FirstContactOwnerId == me).Concat(open.Where(r => r.EscalationLevel > 0 && r.CoOwners.Contains(me) && r.FirstContactOwnerId != me))),
            ("handling", "Queue_Handling", open.Where(r => r.HandlerId == me)),
            // A hand-off waiting is open by definition; only those have a receiver.
            ("handoffs", "Queue_Handoffs", db.Set<ServiceRequest>().Where(r => r.HandOffToId == me && r.Status == RequestStatus.HandedOff)),
        ];
        var counts = new List<int>();
        foreach (var range in ranges)
        {
            counts.Add(await range.Query.CountAsync(ct));
        }
        var lists = await RequestRow.LoadAsync(db, text, ranges.Select((r, i) => counts[i] > 0 ? r.Query : null).ToList(), Shown, ct);
        Sections = ranges.Select((r, i) => new Section(r.Id, r.TitleKey, counts[i], lists[i])).ToList();
    }
}
