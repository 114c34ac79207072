using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Features.ServiceDesk.Photos;
using Houqin.Features.Shared;
using Houqin.Infrastructure;
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
[RequestSizeLimit(FormPhotos.BodyLimit)]
public sealed partial class RequestModel(
    AppDbContext db,
    RequestSteps steps,
    RequestActions actions,
    RequestClock requestClock,
    ReturnVisits visits,
    TimeProvider clock,
    IStringLocalizer<ServiceDeskText> text
) : PageModel
{
    public sealed record TimelineLine(DateTime At, string Sentence, string? Note);

    public RequestView.RequestDto Details { get; private set; } = null!;

    public string Place { get; private set; } = "";

    public string CategoryLabel { get; private set; } = "";

    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];

    public IReadOnlyList<string> Offers { get; private set; } = [];

    /// <summary>The request itself, for what the view shows beyond the API's shape (the pending extension).</summary>
    public ServiceRequest? Subject { get; private set; }

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

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? ToUserName { get; set; }

    [BindProperty]
    public string? ToPostCode { get; set; }

    /// <summary>A Beijing wall-clock time from a datetime-local input.</summary>
    [BindProperty]
    public string? ResolveBy { get; set; }

    [BindProperty]
    public string? ReferredTo { get; set; }

    [BindProperty]
    public int? Timeliness { get; set; }

    [BindProperty]
    public int? Quality { get; set; }

    [BindProperty]
    public int? Attitude { get; set; }

    [BindProperty]
    public int? Satisfaction { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? ComplaintKind { get; set; }

    [BindProperty]
    public string? StaffUserName { get; set; }

    [BindProperty]
    public string? ComplaintText { get; set; }

    [BindProperty]
    public bool ShareIdentity { get; set; }

    /// <summary>Whom a hand-off may go to: office staff by name, or a post (whoever is on duty there).</summary>
    public IReadOnlyList<(string UserName, string DisplayName)> Staff { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Posts { get; private set; } = [];

    /// <summary>
    /// The staff who had a part in the request, whom a complaint may name: those on it now, the receiver of a pending
    /// hand-off, and everyone who took a step on its timeline (a receiver who declined it, a handler before).
    /// </summary>
    public IReadOnlyList<RequestView.PersonDto> StaffOnIt { get; private set; } = [];

    /// <summary>The latest resolve instant an extension may ask for, when the extension form is offered.</summary>
    public DateTime? ExtensionLatest { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.AcknowledgeAsync(id, ct), ct);

    public Task<IActionResult> OnPostHandOffAsync(Guid id, CancellationToken ct) =>
        AnswerAsync(id, actions.HandOffAsync(id, Blank(ToUserName), Blank(ToPostCode), Reason, ct), ct);

    public Task<IActionResult> OnPostAcceptHandOffAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.AcceptHandOffAsync(id, ct), ct);

    public Task<IActionResult> OnPostDeclineHandOffAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.DeclineHandOffAsync(id, Reason, ct), ct);

    public Task<IActionResult> OnPostEscalateAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.EscalateAsync(id, Reason, ct), ct);

    public Task<IActionResult> OnPostArriveAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.ArriveAsync(id, ct), ct);

    public Task<IActionResult> OnPostPauseAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.PauseAsync(id, Reason, ct), ct);

    public Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.ResumeAsync(id, ct), ct);

    public Task<IActionResult> OnPostExtensionAsync(Guid id, CancellationToken ct) =>
        AnswerAsync(id, actions.AskExtensionAsync(id, string.IsNullOrWhiteSpace(ResolveBy) ? null : ResolveBy.Trim() + ":00+08:00", Reason, ct), ct);

    public Task<IActionResult> OnPostApproveExtensionAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.ApproveExtensionAsync(id, ct), ct);

    public Task<IActionResult> OnPostRejectExtensionAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.RejectExtensionAsync(id, ct), ct);

    /// <summary>The work done, with the photos of it: a refused photo refuses the completion, so nothing is half-done.</summary>
    public Task<IActionResult> OnPostCompleteAsync(Guid id, [FromServices] PhotoUploads uploads, CancellationToken ct)
    {
        var materials = (Materials ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return AnswerAsync(id, CompleteWithPhotosAsync(), ct);

        async Task<StepOutcome> CompleteWithPhotosAsync()
        {
            var already = await FormPhotos.AlreadyAsync(db, id, PhotoStage.Completion, ct);
            if (await FormPhotos.CheckAsync(NewPhotos, already, ct) is { } refused)
            {
                return refused;
            }
            var completed = await actions.CompleteAsync(id, Method, Result, materials, ct);
            return completed.Succeeded && NewPhotos.Count > 0 ? await FormPhotos.AddCheckedAsync(uploads, id, PhotoStage.Completion, NewPhotos, ct) : completed;
        }
    }

    public Task<IActionResult> OnPostReferAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.ReferAsync(id, ReferredTo, Reason, ct), ct);

    public Task<IActionResult> OnPostReferralHelpedAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.ReferralHelpedAsync(id, ct), ct);

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.ConfirmAsync(id, ct), ct);

    public Task<IActionResult> OnPostRejectCompletionAsync(Guid id, CancellationToken ct) => AnswerAsync(id, actions.RejectCompletionAsync(id, Reason, ct), ct);

    public Task<IActionResult> OnPostRateAsync(Guid id, [FromServices] Ratings ratings, CancellationToken ct) =>
        AnswerAsync(
            id,
            FeedbackStepAsync(
                id,
                "service_request.rated",
                (r, by, now) => ratings.RateAsync(r, by, Scores.From(Timeliness, Quality, Attitude, Satisfaction), Scores.Comment(Comment), now, ct),
                Comment?.Trim(),
                ct
            ),
            ct
        );

    public Task<IActionResult> OnPostComplainAsync(Guid id, [FromServices] Complaints complaints, CancellationToken ct)
    {
        if (!ServiceDeskApi.TryParse<ComplaintKind>(ComplaintKind ?? "", out var kind))
        {
            return AnswerAsync(id, Task.FromResult(StepOutcome.Invalid("kind", "kind")), ct);
        }
        return AnswerAsync(
            id,
            FeedbackStepAsync(
                id,
                Complaint.Filed,
                (r, by, now) => complaints.FileAsync(r, by, kind, StaffUserName ?? "", ComplaintText ?? "", ShareIdentity, now, ct),
                null,
                ct
            ),
            ct
        );
    }

    /// <summary>A unique index refusing a second rating saved at the same moment is someone being quicker, not an error.</summary>
    private async Task<StepOutcome> FeedbackStepAsync(Guid id, string action, Func<ServiceRequest, Guid, DateTime, Task> step, string? note, CancellationToken ct)
    {
        try
        {
            return await steps.RunAsync(id, action, step, ct, note);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return StepOutcome.ConcurrentChange;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>On success back to the page (PRG), otherwise the page again with why, and the step's status.</summary>
    private async Task<IActionResult> AnswerAsync(Guid id, Task<StepOutcome> step, CancellationToken ct)
    {
        var outcome = await step;
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
                "method" => (nameof(Method), text["Error_Method"].Value),
                "result" => (nameof(Result), text["Error_Result"].Value),
                "materials" => (nameof(Materials), text["Error_Materials"].Value),
                "text" => (nameof(ComplaintText), text["Error_text"].Value),
                "file" => (nameof(NewPhotos), text.Or("Error_" + outcome.Code, text["Error_file"], PhotoLimits.Arguments)),
                "complaintAnswer" => (nameof(Answer), text["Error_answer"].Value),
                "visitOutcome" => (nameof(VisitOutcome), text["Error_visitOutcome"].Value),
                "note" => (nameof(VisitNote), text["Error_note"].Value),
                "resolveBy" when outcome.Code == ServiceRequest.ExtensionTooFar && ExtensionLatest is { } latest => (nameof(ResolveBy), text["Error_extension_too_far", When(latest)].Value),
                // A rule's own code has its own words (an extension not later than the commitment); else the field's.
                _ => (char.ToUpperInvariant(field[0]) + field[1..], text.Or("Error_" + outcome.Code, text.Or("Error_" + field, text["Error_Form"]))),
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
        Subject = request;
        Details = (await RequestView.ShowAsync(db, [request], true, ct))[0];
        Place = (await DeskLookups.PlacesAsync(db, [request.RoomId], ct))[request.RoomId];
        CategoryLabel = (await DeskLookups.CategoryLabelsAsync(db, text, [request.CategoryId], ct))[request.CategoryId];
        await LoadFeedbackAsync(db, visits, request, viewer, ct);
        // Rated for real: a default rating still leaves the requester their own.
        var rated = Feedback!.Rating is { IsDefault: false };
        // The step's own rule (the team's chain), so nobody is offered buttons that answer 403.
        var rulesExtensions = request.ExtensionAskedFor is not null && (await requestClock.ChainAsync(request, ct)).MayApprove(viewer.UserId);
        Offers = StepOffers.For(request, viewer.UserId, rulesExtensions, rated);
        if (Offers.Contains(StepOffers.Extension))
        {
            ExtensionLatest = await actions.LatestExtensionAsync(request, ct);
        }
        if (Offers.Contains(StepOffers.HandOff))
        {
            Staff = (await db.Users.Where(u => u.Kind == PersonKind.Staff && u.Id != viewer.UserId).OrderBy(u => u.UserName).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct))
                .Select(u => (u.UserName!, u.DisplayName))
                .ToList();
            Posts = (await db.Set<Post>().OrderBy(p => p.Code).Select(p => new { p.Code, p.Name }).ToListAsync(ct)).Select(p => (p.Code, p.Name)).ToList();
        }
        IsStaffView = viewer.IsStaff;
        await LoadPhotosAsync(db, request, viewer.UserId, ct);
        var actors = Details.Timeline!.Select(t => t.Actor).Distinct().ToList();
        var people = await db.Users.Where(u => actors.Contains(u.UserName!)).Select(u => new { u.UserName, u.DisplayName, u.Kind }).ToListAsync(ct);
        var names = people.ToDictionary(u => u.UserName!, u => u.DisplayName);
        // The timeline is the request's own record of who acted on it, already read for the page: no other query.
        var acted = actors
            .Select(a => people.Find(u => u.UserName == a))
            .Where(u => u is { Kind: PersonKind.Staff } && u.UserName != Details.Requester?.UserName)
            .Select(u => new RequestView.PersonDto(u!.UserName!, u.DisplayName));
        StaffOnIt = new[] { Details.FirstContactOwner, Details.Handler }
            .Concat(Details.CoOwners)
            .Concat(Details.HandOff is { } pending ? [pending.To] : [])
            .Concat(acted)
            .DistinctBy(p => p.UserName)
            .ToList();
        Timeline = Details
            .Timeline!.Select(t => new TimelineLine(
                t.At,
                text.Sentence(t.Action, names.GetValueOrDefault(t.Actor) ?? (t.Actor == CurrentActor.System ? text["System"] : t.Actor)),
                t.Note is null ? null : text.Or("Reason_" + t.Note, t.Note)
            ))
            .ToList();
        return true;
    }

    public string When(DateTime utc) => Prose.Instant(utc);

    /// <summary>The latest extension as a <c>datetime-local</c> input's bound (Beijing wall-clock time).</summary>
    public string? ExtensionLatestInput =>
        ExtensionLatest is { } latest ? Prose.ToBeijing(latest).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
}
