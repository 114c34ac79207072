using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// The link in a room's QR code: opens the report form with the place filled in. Signing in comes first (the
/// sign-in page brings the person back here); an unknown or replaced token is a 404.
/// </summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class RoomLinkModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var code = await db.Set<Room>().Where(r => r.QrToken == token).Select(r => r.Code).FirstOrDefaultAsync(ct);
        return code is null ? NotFound() : Redirect($"/requests/new?Room={Uri.EscapeDataString(code)}&Qr=true");
    }
}
