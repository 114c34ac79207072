using Houqin.Data;
using Houqin.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Photos;

/// <summary>
/// Adds a photo to a request as one of its steps, for the API and the pages alike: report photos come from the
/// requester or the staff on the request, completion photos from the staff on it, until it is confirmed; at most
/// <see cref="RequestPhoto.MaxPerStage"/> a stage. The stored file goes again if the step is not saved.
/// </summary>
public sealed class PhotoUploads(AppDbContext db, RequestSteps steps, IFileStore files)
{
    public async Task<(StepOutcome Outcome, RequestPhoto? Photo)> AddAsync(Guid id, PhotoStage stage, IFormFile? file, CancellationToken ct)
    {
        RequestPhoto? photo = null;
        StepOutcome outcome;
        try
        {
            outcome = await steps.RunAsync(
                id,
                "service_request.photo_added",
                async (request, me, now) => photo = await StoreAsync(request, me, stage, file, now, ct),
                ct,
                data: r => new { r.Number, photo = photo!.Id, stage = stage.ToString(), photo.ContentType, photo.ByteLength, photo.Width, photo.Height }
            );
        }
        catch
        {
            Forget(photo);
            throw;
        }
        if (!outcome.Succeeded)
        {
            Forget(photo);
            return (outcome, null);
        }
        return (outcome, photo);
    }

    private async Task<RequestPhoto> StoreAsync(ServiceRequest request, Guid me, PhotoStage stage, IFormFile? file, DateTime now, CancellationToken ct)
    {
        if (!(request.IsStaffOnIt(me) || (stage == PhotoStage.Report && me == request.RequesterId)))
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Report photos come from the requester or the staff on the request; completion photos from the staff on it.");
        }
        if (request.Status == RequestStatus.Confirmed)
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, "The request is closed; no more photos.");
        }
        var (bytes, image) = await PhotoCheck.ReadAsync(file, ct);
        if (await db.Set<RequestPhoto>().CountAsync(p => p.RequestId == request.Id && p.Stage == stage, ct) >= RequestPhoto.MaxPerStage)
        {
            throw new InvalidFieldException("file", $"At most {RequestPhoto.MaxPerStage} photos per stage.", PhotoCheck.TooMany);
        }
        var photo = new RequestPhoto(request.Id, stage, IFileStore.NewName(), image, bytes.Length, me, now);
        await files.SaveAsync(photo.StoredName, bytes, ct);
        db.Add(photo);
        return photo;
    }

    private void Forget(RequestPhoto? photo)
    {
        if (photo is not null)
        {
            files.Delete(photo.StoredName);
        }
    }
}
