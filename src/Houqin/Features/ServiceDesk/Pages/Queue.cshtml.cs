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
        var open = db.Set<ServiceRequest>().Where(r => r.Status != RequestStatus.Confirmed && r.Status != RequestStatus.Referred);
        Sections =
        [
            await SectionAsync("owned", "Queue_Owned", open.Where(r => r.FirstContactOwnerId == me).Concat(open.Where(r => r.EscalationLevel > 0 && r.CoOwners.Contains(me) && r.FirstContactOwnerId != me)), ct),
            await SectionAsync("handling", "Queue_Handling", open.Where(r => r.HandlerId == me), ct),
            await SectionAsync("handoffs", "Queue_Handoffs", open.Where(r => r.Status == RequestStatus.HandedOff && r.HandOffToId == me), ct),
        ];
    }

    private async Task<Section> SectionAsync(string id, string titleKey, IQueryable<ServiceRequest> query, CancellationToken ct) =>
        new(id, titleKey, await query.CountAsync(ct), await RequestRow.LoadAsync(db, text, query, Shown, ct));
}
