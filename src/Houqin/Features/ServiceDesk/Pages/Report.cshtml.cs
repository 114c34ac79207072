using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>A requester reports a problem (报修); anyone signed in may, as the API allows.</summary>
[Authorize(Policy = Permissions.SignedIn)]
[RequestSizeLimit(FormPhotos.BodyLimit)]
public sealed class ReportModel(AppDbContext db, Intake intake, IntakeLimits limits, IStringLocalizer<ServiceDeskText> text) : RequestFormModel(db, intake, limits, text)
{
    /// <summary>Came from a door's QR code: the place is already filled in.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Qr { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync([FromServices] Photos.PhotoUploads uploads, CancellationToken ct) => CreateAsync(Channel.Web, null, null, ct, uploads);
}
