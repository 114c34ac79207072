using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.Pages;

/// <summary>A post's duties and daily tasks; those who define them (its leaders, the director, the administrator) edit them here.</summary>
[Authorize(Policy = Permissions.OfficeStaff)]
public sealed class DutiesModel(PostDuties duties, IStringLocalizer<AssessmentText> text) : PageModel
{
    public PostDuties.DutiesDto Post { get; private set; } = null!;

    public string? Problem { get; private set; }

    [BindProperty]
    public string? DutiesText { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? WindowStart { get; set; }

    [BindProperty]
    public string? WindowEnd { get; set; }

    [BindProperty]
    public bool PhotoRequired { get; set; }

    [BindProperty]
    public string? ReadingUnit { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }
        DutiesText = Post.Duties;
        return Page();
    }

    public Task<IActionResult> OnPostDutiesAsync(string code, CancellationToken ct) =>
        DefineAsync(code, p => duties.WriteDutiesAsync(p, DutiesText, Oversight.Me(User), ct), ct);

    public Task<IActionResult> OnPostTaskAsync(string code, CancellationToken ct) =>
        DefineAsync(code, p => duties.AddTaskAsync(p, new(Title, WindowStart, WindowEnd, PhotoRequired, ReadingUnit), ct), ct);

    public Task<IActionResult> OnPostRetireAsync(string code, Guid taskId, CancellationToken ct) =>
        DefineAsync(code, p => duties.RetireTaskAsync(p, taskId, ct), ct);

    private async Task<IActionResult> DefineAsync(string code, Func<Organisation.Post, Task> step, CancellationToken ct)
    {
        var found = true;
        var status = await PageSteps.RunAsync(
            async () =>
            {
                if (await duties.ForDefiningAsync(User, code, ct) is { } post)
                {
                    await step(post);
                }
                else
                {
                    found = false;
                }
            },
            text,
            (field, message) =>
            {
                if (field is null)
                {
                    Problem = message;
                }
                else
                {
                    ModelState.AddModelError(field == "text" ? nameof(DutiesText) : PageSteps.Property(field), message);
                }
            }
        );
        if (!found)
        {
            return NotFound();
        }
        if (status is null)
        {
            return RedirectToPage(new { code });
        }
        await LoadAsync(code, ct);
        var page = Page();
        page.StatusCode = status.Value;
        return page;
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await duties.ShowAsync(User, code, ct) is not { } post)
        {
            return false;
        }
        Post = post;
        return true;
    }
}
