using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.Pages;

/// <summary>My work log for a day (today unless <c>?date=</c>): the matters handled, entries by hand, closing with a self-evaluation.</summary>
[Authorize(Policy = Permissions.OfficeStaff)]
public sealed class WorkLogModel(WorkLogs logs, IStringLocalizer<AssessmentText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    public WorkLogs.DayDto Day { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public string? Problem { get; private set; }

    [BindProperty]
    public string? Process { get; set; }

    [BindProperty]
    public string? Result { get; set; }

    [BindProperty]
    public string? Method { get; set; }

    [BindProperty]
    public int? Satisfaction { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostEntryAsync(CancellationToken ct) =>
        StepAsync(d => logs.AddEntryAsync(Oversight.Me(User), d, Process, Result, Method, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        StepAsync(d => logs.CloseAsync(Oversight.Me(User), d, Satisfaction, Comment, ct), ct);

    private async Task<IActionResult> StepAsync(Func<DateOnly, Task> step, CancellationToken ct)
    {
        if (!AssessmentResults.TryDate(Date, out var date))
        {
            return NotFound();
        }
        var status = await PageSteps.RunAsync(
            () => step(date),
            text,
            (field, message) =>
            {
                if (field is null)
                {
                    Problem = message;
                }
                else
                {
                    ModelState.AddModelError(PageSteps.Property(field), message);
                }
            }
        );
        if (status is null)
        {
            return RedirectToPage(new { date = Date });
        }
        await LoadAsync(ct);
        var page = Page();
        page.StatusCode = status.Value;
        return page;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Today = logs.Today;
        Date ??= Today.ToString("yyyy-MM-dd");
        if (!AssessmentResults.TryDate(Date, out var date) || await logs.DayAsync(Oversight.Me(User), date, ct) is not { } day)
        {
            return false;
        }
        Day = day;
        return true;
    }
}
