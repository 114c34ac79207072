using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// A staff member's queue: the open requests they own as first contact (or co-own after an escalation), those
/// they handle, and the hand-offs waiting for them to accept. Newest first, 50 at a time: each section goes on from
/// the cursor in the query parameter named after it (<c>?owned=</c>, <c>?handling=</c>, <c>?handoffs=</c>, the API's
/// scope names and cursors); each with its count.
/// </summary>
[Authorize(Policy = Permissions.OfficeStaff)]
public sealed class QueueModel(AppDbContext db, IStringLocalizer<ServiceDeskText> text, TimeProvider clock) : PageModel
{
    public const int Shown = 50;

    public sealed record Section(string Id, string TitleKey, int Count, RequestList List)
    {
        public string CountText => RequestList.CountText(Count);
    }

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    /// <summary>What the staff member searched for (<c>?q=</c>) and found among the requests they may see.</summary>
    public RequestSearchBox Search { get; private set; } = RequestSearchBox.Empty;

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        var me = ServiceDeskApi.UserId(User);
        Search = await SearchAsync(q, ct);
        // Each range is read from its own partial index (ServiceRequestConfiguration) and counted from the index alone:
        // the open filter must stay written as those indexes write it.
        var all = db.Set<ServiceRequest>();
        var open = all.Where(r => r.Status != RequestStatus.Confirmed && r.Status != RequestStatus.Referred);
        (string Id, string TitleKey, IQueryable<ServiceRequest>[] Ranges)[] sections =
        [
            // Co-owned and not also owned as first contact: the two ranges never hold the same request.
            ("owned", "Queue_Owned", [open.Where(r => r.FirstContactOwnerId == me), open.Where(r => r.EscalationLevel > 0 && r.CoOwners.Contains(me) && r.FirstContactOwnerId != me)]),
            ("handling", "Queue_Handling", [open.Where(r => r.HandlerId == me)]),
            // A hand-off waiting is open, and only those have a receiver.
            ("handoffs", "Queue_Handoffs", [all.Where(r => r.HandOffToId == me && r.Status == RequestStatus.HandedOff)]),
        ];
        var starts = sections.Select(s => ListStart.Read(HttpContext, text, s.Id, s.Id)).ToList();
        // Counted from the top whatever page is shown: how many there are, not how many are left.
        var counts = new List<int[]>();
        foreach (var section in sections)
        {
            var count = new int[section.Ranges.Length];
            for (var i = 0; i < count.Length; i++)
            {
                count[i] = await RequestList.CountAsync(section.Ranges[i], ct);
            }
            counts.Add(count);
        }
        // An empty range is not read again for its rows.
        var pages = await RequestRow.LoadAsync(
            db,
            text,
            sections.Select((s, i) => (starts[i].Ranges(s.Ranges.Where((_, j) => counts[i][j] > 0).ToList()), starts[i].Before)).ToList(),
            Shown,
            ct
        );
        Sections = sections.Select((s, i) => new Section(s.Id, s.TitleKey, counts[i].Sum(), starts[i].Show(Request, pages[i]))).ToList();
    }

    /// <summary>Among whatever the staff member may see (<see cref="Viewer.Visible"/>).</summary>
    private async Task<RequestSearchBox> SearchAsync(string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return RequestSearchBox.Empty;
        }
        var viewer = await Viewer.LoadAsync(db, User, clock.GetUtcNow().UtcDateTime, ct);
        return await RequestSearchBox.RunAsync(db, text, HttpContext, q, viewer.Visible(db.Set<ServiceRequest>()), ct);
    }
}
