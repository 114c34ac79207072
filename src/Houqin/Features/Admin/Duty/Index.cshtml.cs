using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.Shared;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Duty;

/// <summary>A post's duty roster, a week at a time; times are entered and shown in Beijing time.</summary>
public sealed class IndexModel(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public sealed class ShiftInput
    {
        public string? UserName { get; set; }

        public DateTime? From { get; set; }

        public DateTime? To { get; set; }
    }

    public sealed record ShiftRow(Guid Id, string UserName, string DisplayName, DateTime From, DateTime To);

    [BindProperty]
    public ShiftInput Shift { get; set; } = new();

    public List<Post> Posts { get; private set; } = [];

    public string? PostCode { get; private set; }

    public DateOnly From { get; private set; }

    public List<ShiftRow> Shifts { get; private set; } = [];

    public async Task OnGetAsync(string? post, DateOnly? from, CancellationToken ct) => await LoadAsync(post, from, ct);

    private async Task LoadAsync(string? post, DateOnly? from, CancellationToken ct)
    {
        Posts = await db.Set<Post>().OrderBy(p => p.Code).ToListAsync(ct);
        PostCode = Posts.Any(p => p.Code == post) ? post : Posts.FirstOrDefault()?.Code;
        From = from is { } f && Prose.IsPlausible(f.ToDateTime(TimeOnly.MinValue)) ? f : Prose.BeijingDate(clock.GetUtcNow().UtcDateTime);
        var start = DateTime.SpecifyKind(From.ToDateTime(TimeOnly.MinValue) - Prose.Beijing, DateTimeKind.Utc);
        var end = start.AddDays(7);
        Shifts = await (
            from e in db.Set<DutyRosterEntry>()
            join p in db.Set<Post>() on e.PostId equals p.Id
            join u in db.Users on e.UserId equals u.Id
            where p.Code == PostCode && e.To > start && e.From < end
            orderby e.From
            select new ShiftRow(e.Id, u.UserName!, u.DisplayName, e.From, e.To)
        ).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(string? post, CancellationToken ct)
    {
        var postRow = await db.Set<Post>().FirstOrDefaultAsync(p => p.Code == post, ct);
        if (postRow is null)
        {
            return NotFound();
        }
        var userId = await UserLookup.FindAsync(db, Shift.UserName, ct);
        if (userId is null)
        {
            ModelState.AddModelError("Shift.UserName", Text["UnknownUser", Shift.UserName ?? ""]);
        }
        if (Shift.From is null)
        {
            ModelState.AddModelError("Shift.From", Text["Required"]);
        }
        else if (!Prose.IsPlausible(Shift.From) || (Shift.To is not null && !Prose.IsPlausible(Shift.To)))
        {
            ModelState.AddModelError("Shift.From", Text["DateOutOfRange"]);
        }
        if (Shift.To is null || (Shift.From is not null && Shift.To <= Shift.From))
        {
            ModelState.AddModelError("Shift.To", Text["EndsAfterStart"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(post, Shift.From is { } f ? DateOnly.FromDateTime(f) : null, ct);
            return Invalid();
        }
        var entry = new DutyRosterEntry(postRow.Id, userId!.Value, Prose.FromBeijing(Shift.From!.Value), Prose.FromBeijing(Shift.To!.Value));
        db.Add(entry);
        audit.Record("roster.shift_added", "DutyRosterEntry", entry.Id, new { post, user = Shift.UserName, entry.From, entry.To });
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage(new { post, from = DateOnly.FromDateTime(Shift.From.Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid shiftId, string? post, CancellationToken ct)
    {
        var entry = await db.Set<DutyRosterEntry>().FindAsync([shiftId], ct);
        if (entry is null)
        {
            return NotFound();
        }
        db.Remove(entry);
        audit.Record("roster.shift_removed", "DutyRosterEntry", entry.Id, new { post, entry.UserId, entry.From, entry.To });
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage(new { post, from = Prose.BeijingDate(entry.From).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
