using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Houqin.Features.Accountability;

/// <summary>The cases the signed-in person may see (as the accused, the investigator or a supervisor), newest first.</summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class CasesModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "open";

    public IReadOnlyList<CaseView.CaseDto> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Status is not ("open" or "decided" or "all"))
        {
            return NotFound();
        }
        var reader = CaseReader.Of(User);
        Cases = await CaseView.ShowAsync(db, await CasesApi.VisibleAsync(db, reader, Status, ct), reader, false, ct);
        return Page();
    }
}
