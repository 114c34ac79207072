using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Houqin.Features.Notifications;

/// <summary>The signed-in person's notices, newest first; mark one or all read (PRG). <c>?handler=Badge</c> is the badge htmx refreshes.</summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class IndexModel(MyNotices notices) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public MyNotices.Page Notices { get; private set; } = new([], null);

    public int UnreadCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MyNotices.TryReadCursor(Cursor, out var after))
        {
            return BadRequest();
        }
        Notices = await notices.ListAsync(Unread, after, 20, ct);
        UnreadCount = await notices.UnreadCountAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetBadgeAsync(CancellationToken ct) => Partial("_Badge", await notices.UnreadCountAsync(ct));

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct) =>
        await notices.MarkReadAsync(id, ct) ? RedirectToPage(new { Unread }) : NotFound();

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await notices.MarkAllReadAsync(ct);
        return RedirectToPage(new { Unread });
    }
}
