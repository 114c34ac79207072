using System.Globalization;
using Houqin.Data;
using Houqin.Features.Shared;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.Pages;

/// <summary>
/// Today's must-do items on a phone: one big button per item, with the reading and photo the task asks for.
/// htmx posts an item's form and swaps that item only; without JavaScript the form posts and the page comes back (PRG).
/// </summary>
[Authorize(Policy = Permissions.OfficeStaff)]
public sealed class ChecklistModel(Checklists lists, AppDbContext db, IFileStore files, AuditLog audit, IStringLocalizer<AssessmentText> text) : PageModel
{
    public IReadOnlyList<Checklists.ChecklistDto> Lists { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>The item whose tick was refused, and why.</summary>
    public Guid? FailedItem { get; private set; }

    public string? Problem { get; private set; }

    [BindProperty]
    public string? Reading { get; set; }

    [BindProperty]
    public IFormFile? Photo { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostTickAsync(Guid checklistId, Guid itemId, CancellationToken ct)
    {
        if (await lists.ItemAsync(User, checklistId, itemId, ct) is not { } item)
        {
            return NotFound();
        }
        var status = await PageSteps.RunAsync(
            async () =>
            {
                decimal? reading = null;
                if (!string.IsNullOrWhiteSpace(Reading))
                {
                    reading = decimal.TryParse(Reading.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var r)
                        ? r
                        : throw new AssessmentFieldException("reading", "reading");
                }
                if (Photo is not null && await ChecklistsApi.SavePhotoAsync(item, Photo, Oversight.Me(User), lists, db, files, audit, ct) is not null)
                {
                    throw new AssessmentFieldException("photo", "photo");
                }
                await lists.TickAsync(item, Oversight.Me(User), reading, ct);
            },
            text,
            (_, message) => Problem = message
        );
        if (status is null)
        {
            return RedirectToPage();
        }
        db.ChangeTracker.Clear();
        FailedItem = itemId;
        await LoadAsync(ct);
        var page = Page();
        page.StatusCode = status.Value;
        return page;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = lists.Today;
        Lists = await lists.OfAsync(Oversight.Me(User), Today, ct);
    }

    public static string Window(Checklists.ItemDto i) =>
        $"{Prose.ToBeijing(i.WindowFrom):HH:mm}–{Prose.ToBeijing(i.WindowTo):HH:mm}";
}
