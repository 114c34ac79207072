using Houqin.Features.Organisation;
using Houqin.Features.Organisation.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Import;

public sealed class IndexModel(OrganisationImport import, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    private const long MaxBytes = 5 * 1024 * 1024;

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    [TempData]
    public int? Imported { get; set; }

    public void OnGet() { }

    public Task<IActionResult> OnPostRoomsAsync(IFormFile? file, CancellationToken ct) => RunAsync(file, body => import.ImportRoomsAsync(body, ct));

    public Task<IActionResult> OnPostPeopleAsync(IFormFile? file, CancellationToken ct) => RunAsync(file, body => import.ImportPeopleAsync(body, ct));

    private async Task<IActionResult> RunAsync(IFormFile? file, Func<string, Task<ImportResult>> run)
    {
        if (file is null || file.Length == 0 || file.Length > MaxBytes)
        {
            Errors = [new ImportError(1, null, "", "", Text["EmptyFile"])];
            return Invalid();
        }
        using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8);
        var result = await run(await reader.ReadToEndAsync(HttpContext.RequestAborted));
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Invalid();
        }
        Imported = result.Imported;
        return RedirectToPage();
    }
}
