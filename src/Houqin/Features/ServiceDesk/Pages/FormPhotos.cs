using Houqin.Data;
using Houqin.Features.ServiceDesk.Photos;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// Photos sent with a page's form (the report, the completion, the request page's own "add photos"): all are
/// checked before anything is saved, so a bad photo leaves the form to be corrected, not half a request.
/// </summary>
public static class FormPhotos
{
    /// <summary>A form carries a few photos, so its body stays within <see cref="BodyLimit"/>; more can be added later.</summary>
    public const int MaxPerForm = 3;

    public const long BodyLimit = MaxPerForm * RequestPhoto.MaxBytes + 256 * 1024;

    /// <summary>How many photos of the stage the request has already (none for a request not made yet).</summary>
    public static Task<int> AlreadyAsync(AppDbContext db, Guid requestId, PhotoStage stage, CancellationToken ct) =>
        db.Set<RequestPhoto>().CountAsync(p => p.RequestId == requestId && p.Stage == stage, ct);

    /// <summary>
    /// Why the photos cannot be taken beside the <paramref name="already"/> the stage has, as a step's outcome on the
    /// field <c>file</c>; null when they all can.
    /// </summary>
    public static async Task<StepOutcome?> CheckAsync(IReadOnlyList<IFormFile> photos, int already, CancellationToken ct)
    {
        if (photos.Count > MaxPerForm)
        {
            return StepOutcome.Invalid("file", $"At most {MaxPerForm} photos at once.", "too_many_at_once");
        }
        if (photos.Count > 0 && already + photos.Count > RequestPhoto.MaxPerStage)
        {
            return StepOutcome.Invalid("file", $"At most {RequestPhoto.MaxPerStage} photos per stage.", PhotoCheck.TooMany);
        }
        try
        {
            foreach (var photo in photos)
            {
                await PhotoCheck.ReadAsync(photo, ct);
            }
        }
        catch (InvalidFieldException e)
        {
            return StepOutcome.Invalid(e.Field, e.Message, e.Code);
        }
        return null;
    }

    /// <summary>Checks them all, then adds them one by one; the first refusal stops it.</summary>
    public static async Task<StepOutcome> AddAsync(PhotoUploads uploads, Guid requestId, PhotoStage stage, IReadOnlyList<IFormFile> photos, int already, CancellationToken ct) =>
        await CheckAsync(photos, already, ct) ?? await AddCheckedAsync(uploads, requestId, stage, photos, ct);

    /// <summary>Adds photos <see cref="CheckAsync"/> has passed, one by one (each is still its own step); the first refusal stops it.</summary>
    public static async Task<StepOutcome> AddCheckedAsync(PhotoUploads uploads, Guid requestId, PhotoStage stage, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        var last = StepOutcome.Saved;
        foreach (var photo in photos)
        {
            (last, _) = await uploads.AddAsync(requestId, stage, photo, ct);
            if (!last.Succeeded)
            {
                break;
            }
        }
        return last;
    }
}
