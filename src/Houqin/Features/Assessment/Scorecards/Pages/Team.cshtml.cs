using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Houqin.Features.Assessment.ScorecardPages;

/// <summary>A team's month has one page, the office's month filtered to the team: this address leads there.</summary>
[Authorize(Policy = Permissions.ReadScorecards)]
public sealed class TeamModel : PageModel
{
    public IActionResult OnGet(string code, string month) =>
        AssessmentMonth.TryParse(month, out var m) ? RedirectToPage("Month", new { month = m.ToString(), team = code }) : NotFound();
}
