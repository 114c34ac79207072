using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>Staff log a phone call, walk-in or message for someone; whoever logs it owns it (首问负责), the receiving post handles it (ADR 0022).</summary>
[Authorize(Policy = Permissions.OfficeStaff)]
[RequestSizeLimit(FormPhotos.BodyLimit)]
public sealed class LogModel(AppDbContext db, Intake intake, IntakeLimits limits, IStringLocalizer<ServiceDeskText> text) : RequestFormModel(db, intake, limits, text)
{
    public static readonly Channel[] Channels = [ServiceDesk.Channel.Phone, ServiceDesk.Channel.Counter, ServiceDesk.Channel.Message];

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CallerName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CallerPhone { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Channel ??= nameof(ServiceDesk.Channel.Phone);
        await LoadAsync(ct);
    }

    /// <summary>A message (WeChat, e-mail) often comes with a photo of the problem: it goes on the request with the call.</summary>
    public Task<IActionResult> OnPostAsync([FromServices] Photos.PhotoUploads uploads, CancellationToken ct)
    {
        var channel = Channels.FirstOrDefault(c => string.Equals(c.ToString(), Channel, StringComparison.OrdinalIgnoreCase));
        if (channel == ServiceDesk.Channel.Web)
        {
            ModelState.AddModelError(nameof(Channel), Text["Error_Channel"]);
        }
        if (string.IsNullOrWhiteSpace(CallerName))
        {
            ModelState.AddModelError(nameof(CallerName), Text["Error_CallerName"]);
        }
        if (string.IsNullOrWhiteSpace(CallerPhone))
        {
            ModelState.AddModelError(nameof(CallerPhone), Text["Error_CallerPhone"]);
        }
        return CreateAsync(channel, CallerName, CallerPhone, ct, uploads);
    }
}
