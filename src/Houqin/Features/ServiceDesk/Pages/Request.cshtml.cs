using Houqin.Data;
using Houqin.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// One request: what, where, its commitments, who owns and handles it, its timeline in plain words, and the steps
/// the person looking may take now. Visible exactly as in the API (<see cref="Viewer"/>): otherwise a 404.
/// </summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class RequestModel(AppDbContext db, RequestSteps steps, TimeProvider clock, IStringLocalizer<ServiceDeskText> text) : PageModel
{
    public sealed record TimelineLine(DateTime At, string Sentence, string? Note);

    public RequestView.RequestDto Details { get; private set; } = null!;

    public string Place { get; private set; } = "";

    public string CategoryLabel { get; private set; } = "";

    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];

    public IReadOnlyList<string> Offers { get; private set; } = [];

    public bool IsStaffView { get; private set; }

    /// <summary>Why the last step did not happen (state changed, not yours, someone was quicker).</summary>
    public string? StepProblem { get; private set; }

    [BindProperty]
    public string? Method { get; set; }

    [BindProperty]
    public string? Result { get; set; }

    /// <summary>One material per line, as people type a list on a phone.</summary>
    [BindProperty]
    public string? Materials { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "service_request.acknowledged", (r, by, now) => r.Acknowledge(by, now), ct);

    public Task<IActionResult> OnPostArriveAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "service_request.arrived", (r, by, now) => r.ArriveOnSite(by, now), ct);

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        var materials = (Materials ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return StepAsync(id, "service_request.completed", (r, by, now) => r.Complete(by, Method ?? "", Result ?? "", materials, now), ct, Result);
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "service_request.confirmed", (r, by, now) => r.Confirm(by, now), ct);

    /// <summary>Runs one step; on success back to the page (PRG), otherwise the page again with why, and the step's status.</summary>
    private async Task<IActionResult> StepAsync(Guid id, string action, Action<ServiceRequest, Guid, DateTime> step, CancellationToken ct, string? note = null)
    {
        var outcome = await steps.RunAsync(
            id,
            action,
            (r, by, now) =>
            {
                step(r, by, now);
                return Task.CompletedTask;
            },
            ct,
            note
        );
        if (outcome.Succeeded)
        {
            return Redirect($"/requests/{id}");
        }
        if (outcome.Status == StatusCodes.Status404NotFound || !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (outcome.Field is { } field)
        {
            var (key, message) = field switch
            {
                "method" => (nameof(Method), text["Error_Method"]),
                "result" => (nameof(Result), text["Error_Result"]),
                "materials" => (nameof(Materials), text["Error_Materials"]),
                _ => ("", text["Error_Form"]),
            };
            ModelState.AddModelError(key, message);
        }
        else
        {
            StepProblem = text.Or("Refused_" + outcome.Code, text["Refused"]);
        }
        var page = Page();
        page.StatusCode = outcome.Status;
        return page;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.Set<ServiceRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        var viewer = await Viewer.LoadAsync(db, User, now, ct);
        if (request is null || !viewer.CanSee(request))
        {
            return false;
        }
        Details = (await RequestView.ShowAsync(db, [request], true, ct))[0];
        Place = (await DeskLookups.PlacesAsync(db, [request.RoomId], ct))[request.RoomId];
        CategoryLabel = (await DeskLookups.CategoryLabelsAsync(db, text, [request.CategoryId], ct))[request.CategoryId];
        Offers = StepOffers.For(request, viewer.UserId);
        IsStaffView = viewer.IsStaff;
        var actors = Details.Timeline!.Select(t => t.Actor).Distinct().ToList();
        var names = await db.Users.Where(u => actors.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        Timeline = Details
            .Timeline!.Select(t => new TimelineLine(
                t.At,
                text.Sentence(t.Action, names.GetValueOrDefault(t.Actor) ?? (t.Actor == CurrentActor.System ? text["System"] : t.Actor)),
                t.Note
            ))
            .ToList();
        return true;
    }

    public string When(DateTime utc) => Prose.Instant(utc);
}
