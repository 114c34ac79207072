using Houqin.Data;
using Houqin.Features.ServiceDesk.Photos;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>The request's photos on its page: the gallery, and adding photos (the completion form carries them too).</summary>
public sealed partial class RequestModel
{
    public sealed record PhotoLink(Guid Id, PhotoStage Stage, string Url);

    public IReadOnlyList<PhotoLink> Photos { get; private set; } = [];

    /// <summary>Stages this person may add photos to now (as <see cref="PhotoUploads"/> decides).</summary>
    public IReadOnlyList<PhotoStage> PhotoStages { get; private set; } = [];

    [BindProperty]
    public List<IFormFile> NewPhotos { get; set; } = [];

    [BindProperty]
    public string? Stage { get; set; }

    public async Task<IActionResult> OnPostPhotosAsync(Guid id, [FromServices] PhotoUploads uploads, [FromServices] AppDbContext db, CancellationToken ct)
    {
        if (!ServiceDeskApi.TryParse<PhotoStage>(Stage ?? nameof(PhotoStage.Report), out var stage))
        {
            return await AnswerAsync(id, Task.FromResult(StepOutcome.Invalid("stage", "stage")), ct);
        }
        var already = await FormPhotos.AlreadyAsync(db, id, stage, ct);
        return await AnswerAsync(id, NewPhotos.Count == 0 ? Task.FromResult(StepOutcome.Invalid("file", "file")) : FormPhotos.AddAsync(uploads, id, stage, NewPhotos, already, ct), ct);
    }

    private async Task LoadPhotosAsync(AppDbContext db, ServiceRequest request, Guid me, CancellationToken ct)
    {
        var photos = await db.Set<RequestPhoto>().AsNoTracking().Where(p => p.RequestId == request.Id).OrderBy(p => p.Stage).ThenBy(p => p.UploadedAt).ThenBy(p => p.Id).ToListAsync(ct);
        Photos = photos.Select(p => new PhotoLink(p.Id, p.Stage, $"/api/v1/service-requests/{request.Id}/photos/{p.Id}")).ToList();
        if (request.Status == RequestStatus.Confirmed)
        {
            return;
        }
        PhotoStages = request.IsStaffOnIt(me) ? [PhotoStage.Report, PhotoStage.Completion] : me == request.RequesterId ? [PhotoStage.Report] : [];
    }
}
