using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// A staff member's queue: the open requests they own as first contact (or co-own after an escalation), those
/// they handle, the hand-offs waiting for them to accept, and the referrals whose follow-up they owe. Newest first
/// (the follow-ups: the due first), 50 at a time: each section goes on from the cursor in the query parameter named
/// after it (<c>?owned=</c>, <c>?handling=</c>, <c>?handoffs=</c>, <c>?followups=</c>, the API's scope names and
/// cursors); each with its count.
/// </summary>
[Authorize(Policy = Permissions.OfficeStaff)]
public sealed class QueueModel(AppDbContext db, IStringLocalizer<ServiceDeskText> text, TimeProvider clock) : PageModel
{
    public const int Shown = 50;

    /// <summary>The follow-ups section's id, anchor and query parameter (the API's scope name).</summary>
    public const string FollowUps = "followups";

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
        (string Id, string TitleKey, IQueryable<ServiceRequest>[] Ranges)[] newestFirst =
        [
            // Co-owned and not also owned as first contact: the two ranges never hold the same request.
            ("owned", "Queue_Owned", [open.Where(r => r.FirstContactOwnerId == me), open.Where(r => r.EscalationLevel > 0 && r.CoOwners.Contains(me) && r.FirstContactOwnerId != me)]),
            ("handling", "Queue_Handling", [open.Where(r => r.HandlerId == me)]),
            // A hand-off waiting is open, and only those have a receiver.
            ("handoffs", "Queue_Handoffs", [all.Where(r => r.HandOffToId == me && r.Status == RequestStatus.HandedOff)]),
        ];
        var sections = new List<(string Id, string TitleKey, IQueryable<ServiceRequest>[] Ranges, ListStart Start, Func<IReadOnlyList<IQueryable<ServiceRequest>>, RequestRow.Reading> Read)>();
        foreach (var (id, title, ranges) in newestFirst)
        {
            var start = ListStart.Read(HttpContext, text, id, id);
            sections.Add((id, title, ranges, start, r => RequestRow.Newest(r, start.Before, Shown)));
        }
        // The referrals whose follow-up is owed (ADR 0021), the due first and paged in that order (ADR 0025): the
        // owner's as first contact, and a co-owner's once the ladder brought them in, as in the owned section.
        var now = clock.GetUtcNow().UtcDateTime;
        var followUps = ListStart.Read<RequestFollowUps.Place>(HttpContext, text, FollowUps, FollowUps, RequestFollowUps.TryReadCursor, out var after, "FollowUps");
        sections.Add((FollowUps, "Queue_FollowUps", RequestFollowUps.Ranges(all, me), followUps, r => RequestRow.FollowUps(r, after, Shown, now)));
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
        var pages = await RequestRow.LoadAsync(db, text, [.. sections.Select((s, i) => s.Read(s.Start.Ranges([.. s.Ranges.Where((_, j) => counts[i][j] > 0)])))], ct);
        Sections = sections.Select((s, i) => new Section(s.Id, s.TitleKey, counts[i].Sum(), s.Start.Show(Request, pages[i]))).ToList();
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
