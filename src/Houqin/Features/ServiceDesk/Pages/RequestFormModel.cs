using Houqin.Data;
using Houqin.Features.ServiceDesk.Photos;
using Houqin.Infrastructure;
using Houqin.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// The report form a requester fills in and the one staff fill in for a caller: category, place, description,
/// urgency. The place steps also come in by GET (the QR link, htmx swapping the place, or the no-script "next"
/// button), so the form can be refilled from the query. Invalid input re-renders with 422; success redirects.
/// </summary>
public abstract class RequestFormModel(AppDbContext db, Intake intake, IntakeLimits limits, IStringLocalizer<ServiceDeskText> text) : PageModel
{
    public const int MaxDescription = 2000;

    protected IStringLocalizer<ServiceDeskText> Text => text;

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Campus { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Building { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Room { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Description { get; set; }

    /// <summary>A string, not the enum: a bad value should get our message, not the binder's English one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Urgency { get; set; }

    /// <summary>Fixed when the form is first shown, so a double tap on "submit" makes one request, not two.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>Photos of the problem sent with the report or the logged call (see <see cref="FormPhotos"/>).</summary>
    [BindProperty]
    public List<IFormFile> NewPhotos { get; set; } = [];

    public PlacePicker Place { get; private set; } = new(null, null, null, [], [], []);

    public IReadOnlyList<CategoryGroup> Categories { get; private set; } = [];

    protected async Task LoadAsync(CancellationToken ct)
    {
        Place = await PlacePicker.LoadAsync(db, Campus, Building, Room, ct);
        (Campus, Building, Room) = (Place.Campus, Place.Building, Place.Room);
        Categories = await DeskLookups.CategoriesAsync(db, text, ct);
        Urgency ??= nameof(ServiceDesk.Urgency.Normal);
        if (Key is null || !IdempotencyKey.IsValid(Key))
        {
            Key = Guid.NewGuid().ToString("N");
        }
    }

    /// <summary>
    /// Checks the shared fields and any photos, asks <see cref="Intake"/> for the request, adds the photos to a
    /// request it made (not to one a resent form leads back to) and goes to its page.
    /// </summary>
    protected async Task<IActionResult> CreateAsync(Channel channel, string? callerName, string? callerPhone, CancellationToken ct, PhotoUploads? uploads = null)
    {
        var me = ServiceDeskApi.UserId(User);
        var address = HttpContext.Connection.RemoteIpAddress;
        var wait = limits.Take(me, Viewer.IsOfficeStaff(User), address);
        var room = Room;
        await LoadAsync(ct);
        if (!Categories.Any(g => g.Top.Value == Category || g.Subcategories.Any(s => s.Value == Category)))
        {
            ModelState.AddModelError(nameof(Category), text["Error_Category"]);
        }
        if (Room is null)
        {
            ModelState.AddModelError(nameof(Room), string.IsNullOrWhiteSpace(room) ? text["Error_Room"] : text["Error_NoSuchRoom"]);
        }
        var description = (Description ?? "").Trim();
        if (description.Length == 0)
        {
            ModelState.AddModelError(nameof(Description), text["Error_Description"]);
        }
        else if (description.Length > MaxDescription)
        {
            ModelState.AddModelError(nameof(Description), text["Error_TooLong", MaxDescription]);
        }
        if (!ServiceDeskApi.TryParse<ServiceDesk.Urgency>(Urgency ?? "", out var urgency))
        {
            ModelState.AddModelError(nameof(Urgency), text["Error_Urgency"]);
        }
        if (await FormPhotos.CheckAsync(NewPhotos, 0, ct) is { } badPhoto)
        {
            ModelState.AddModelError(nameof(NewPhotos), text.Or("Error_" + badPhoto.Code, text["Error_file"], PhotoLimits.Arguments));
        }
        if (!ModelState.IsValid)
        {
            return wait is { } refused ? TooMany(refused) : Invalid();
        }
        var input = new NewRequest(Category!, Room!, description, urgency, channel, callerName, callerPhone);
        try
        {
            if (wait is { } over)
            {
                // Over the limit, the form sent again (its answer was lost) still leads to the request it made (ADR 0014).
                return await ReplayOrNullAsync(me, input, ct) is { } earlier ? Redirect($"/requests/{earlier.Id}") : TooMany(over);
            }
            IntakeResult result;
            try
            {
                result = await intake.CreateAsync(me, Viewer.IsOfficeStaff(User), input, Key, ct);
            }
            catch (RequestRuleException)
            {
                // The key already made a different request (the form was sent, then changed and sent again): a new one.
                result = await intake.CreateAsync(me, Viewer.IsOfficeStaff(User), input, Guid.NewGuid().ToString("N"), ct);
            }
            if (!result.Created)
            {
                // A replay made nothing: it does not count against the caller's minute.
                limits.GiveBack(me, address);
            }
            else if (uploads is not null && NewPhotos.Count > 0)
            {
                await AddPhotosAsync(uploads, result.Request.Id, ct);
            }
            return Redirect($"/requests/{result.Request.Id}");
        }
        catch (InvalidFieldException e)
        {
            return Refused(e.Field);
        }
        catch (ArgumentException e)
        {
            return Refused(ServiceDeskApi.FieldName(e.ParamName));
        }
    }

    /// <summary>Only for the rare failure after the request was made; asked for then rather than by every form.</summary>
    private ILogger Logger => HttpContext.RequestServices.GetRequiredService<ILogger<RequestFormModel>>();

    /// <summary>
    /// The photos checked above, onto the request just made. The request stands whatever happens to them: a file
    /// store that fails now leaves the requester on their request, where photos can be added again.
    /// </summary>
    private async Task AddPhotosAsync(PhotoUploads uploads, Guid requestId, CancellationToken ct)
    {
        try
        {
            var outcome = await FormPhotos.AddCheckedAsync(uploads, requestId, PhotoStage.Report, NewPhotos, ct);
            if (!outcome.Succeeded)
            {
                Logger.LogWarning("The report's photos were not added to request {Request}: {Code}", requestId, outcome.Code);
            }
        }
        catch (IOException e)
        {
            Logger.LogError(e, "The report's photos could not be stored for request {Request}", requestId);
        }
    }

    private async Task<ServiceRequest?> ReplayOrNullAsync(Guid me, NewRequest input, CancellationToken ct)
    {
        try
        {
            return await Intake.ReplayAsync(db, me, Key!, input, ct);
        }
        catch (RequestRuleException)
        {
            return null; // the key made a different request: this is a new one, and over the limit
        }
    }

    /// <summary>Over the intake limit (ADR 0014): the form comes back as it was, with 429 and Retry-After.</summary>
    private PageResult TooMany(TimeSpan wait)
    {
        var seconds = RetryAfter.Set(Response, wait);
        ModelState.AddModelError("", text["Error_TooMany", seconds]);
        var page = Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }

    protected PageResult Invalid()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    /// <summary>A rule of the request refused a field the checks above let through; the message is ours, in the user's language.</summary>
    private PageResult Refused(string field)
    {
        var (key, message) = field switch
        {
            "categoryCode" => (nameof(Category), text["Error_Category"]),
            "roomCode" => (nameof(Room), text["Error_NoSuchRoom"]),
            "description" => (nameof(Description), text["Error_Description"]),
            "caller.name" => ("CallerName", text["Error_CallerName"]),
            "caller.phone" or "callerPhone" => ("CallerPhone", text["Error_CallerPhone"]),
            "channel" => ("Channel", text["Error_Channel"]),
            _ => ("", text["Error_Form"]),
        };
        ModelState.AddModelError(key, message);
        return Invalid();
    }
}
