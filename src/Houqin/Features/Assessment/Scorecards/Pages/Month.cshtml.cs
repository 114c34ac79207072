using Houqin.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.ScorecardPages;

/// <summary>
/// The office's month (/scorecards): the teams' ranking, the people's cards, and the director's sign-off once the
/// month is over. A leader sees their teams; a member of staff who leads nobody is sent to their own card.
/// </summary>
[Authorize(Policy = Permissions.ReadScorecards)]
public sealed class MonthModel(Scorecards scorecards, TimeProvider clock, IStringLocalizer<ScorecardText> text) : PageModel
{
    private const int OfferedMonths = 12;

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    public AssessmentMonth Period { get; private set; }

    public Scorecards.MonthDto Data { get; private set; } = null!;

    /// <summary>The people shown: the whole month's, or the chosen team's.</summary>
    public IReadOnlyList<Scorecards.CardDto> People { get; private set; } = [];

    public Scorecards.TeamCardDto? ChosenTeam { get; private set; }

    public bool Over { get; private set; }

    public string? Problem { get; private set; }

    public bool MaySignOff => User.IsInRole(Roles.Director) && !Data.SignedOff && Over;

    public IEnumerable<AssessmentMonth> Offered
    {
        get
        {
            var now = AssessmentMonth.Of(clock.GetUtcNow().UtcDateTime);
            return Enumerable.Range(0, OfferedMonths).Select(i => CardWords.Previous(now, i));
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TryPeriod())
        {
            return NotFound();
        }
        if (!SeesOthers())
        {
            return Redirect($"/scorecards/{Uri.EscapeDataString(User.Identity!.Name!)}/{Period}");
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOffAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Director))
        {
            return Forbid();
        }
        if (!TryPeriod())
        {
            return NotFound();
        }
        if (!IsOver())
        {
            // The service would store a month still under way; the page only signs off what is finished.
            return await RefusedAsync(text["Refused_month_not_over"], ct);
        }
        try
        {
            await scorecards.SignOffAsync(User, Period, ct);
        }
        catch (AssessmentRuleException e)
        {
            return await RefusedAsync(text.Or("Refused_" + e.Code, text["Refused"]), ct);
        }
        return RedirectToPage(new { month = Period.ToString(), team = Team });
    }

    private async Task<IActionResult> RefusedAsync(string message, CancellationToken ct)
    {
        Problem = message;
        await LoadAsync(ct);
        var page = Page();
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private bool TryPeriod()
    {
        Month ??= AssessmentMonth.Of(clock.GetUtcNow().UtcDateTime).ToString();
        if (!AssessmentMonth.TryParse(Month, out var period))
        {
            return false;
        }
        Period = period;
        Team = string.IsNullOrWhiteSpace(Team) ? null : Team.Trim();
        return true;
    }

    private bool IsOver() => Period.ToUtc <= clock.GetUtcNow().UtcDateTime;

    private bool SeesOthers() =>
        User.IsInRole(Roles.TeamLeader) || User.IsInRole(Roles.DeputyDirector) || User.IsInRole(Roles.Director) || User.IsInRole(Roles.Auditor);

    private async Task LoadAsync(CancellationToken ct)
    {
        Over = IsOver();
        // One reading of the month serves the ranking of every team and the chosen team's people.
        Data = await scorecards.MonthAsync(User, Period, null, ct);
        ChosenTeam = Data.Teams.FirstOrDefault(t => t.Code == Team);
        if (ChosenTeam is null)
        {
            Team = null;
        }
        People = Team is null ? Data.People : [.. Data.People.Where(p => p.Teams.Any(t => t.Code == Team))];
    }
}
