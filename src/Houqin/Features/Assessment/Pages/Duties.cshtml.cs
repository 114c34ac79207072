using Houqin.Features.ServiceDesk.Pages;
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
        int status;
        try
        {
            if (await duties.ForDefiningAsync(User, code, ct) is not { } post)
            {
                return NotFound();
            }
            await step(post);
            return RedirectToPage(new { code });
        }
        catch (AssessmentRuleException e)
        {
            status = e.Code == AssessmentRuleException.NotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
            Problem = text.Or("Refused_" + e.Code, text["Refused"]);
        }
        catch (AssessmentFieldException e)
        {
            status = StatusCodes.Status422UnprocessableEntity;
            var key = e.Field == "text" ? nameof(DutiesText) : char.ToUpperInvariant(e.Field[0]) + e.Field[1..];
            ModelState.AddModelError(key, text.Or("Error_" + e.Field, text["Refused"]));
        }
        await LoadAsync(code, ct);
        var page = Page();
        page.StatusCode = status;
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
