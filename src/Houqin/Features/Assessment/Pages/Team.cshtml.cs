using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.Pages;

/// <summary>A leader's review of the team's logs for a day: who closed, their self-evaluation; one person's day with a comment form.</summary>
[Authorize(Policy = Permissions.Leaders)]
public sealed class TeamModel(WorkLogs logs, IStringLocalizer<AssessmentText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public IReadOnlyList<WorkLogs.TeamRow> Rows { get; private set; } = [];

    public WorkLogs.DayDto? Day { get; private set; }

    public DateOnly Today { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        if (!AssessmentResults.TryDate(Date, out var date) || Person is null || await logs.OverseenAsync(User, Person, ct) is not { } person)
        {
            return NotFound();
        }
        var status = await PageSteps.RunAsync(
            () => logs.ReviewAsync(Oversight.Me(User), person.Id, date, Comment, ct),
            text,
            (field, message) =>
            {
                if (field is null)
                {
                    Problem = message;
                }
                else
                {
                    ModelState.AddModelError(nameof(Comment), message);
                }
            }
        );
        if (status is null)
        {
            return RedirectToPage(new { date = Date, person = Person });
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
        if (!AssessmentResults.TryDate(Date, out var date))
        {
            return false;
        }
        Rows = await logs.TeamAsync(User, date, ct);
        if (Person is not null)
        {
            if (await logs.OverseenAsync(User, Person, ct) is not { } person)
            {
                return false;
            }
            Day = await logs.DayAsync(person.Id, date, ct);
        }
        return true;
    }
}
