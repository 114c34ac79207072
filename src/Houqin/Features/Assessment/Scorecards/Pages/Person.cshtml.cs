using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.ScorecardPages;

/// <summary>
/// A person's month: the four rating dimensions and their half-year trend, commitments kept, checklists done, every
/// figure with the requests behind it, and the leader's rating (the person's team leader or the director).
/// </summary>
[Authorize(Policy = Permissions.ReadScorecards)]
public sealed class PersonModel(Scorecards scorecards, AppDbContext db, IStringLocalizer<ScorecardText> text) : PageModel
{
    /// <summary>The months the trend covers, this one included.</summary>
    public const int TrendMonths = 6;

    [BindProperty(SupportsGet = true)]
    public string UserName { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Month { get; set; } = "";

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public AssessmentMonth Period { get; private set; }

    public Scorecards.CardDto Card { get; private set; } = null!;

    /// <summary>The months before and up to this one, oldest first, with the card where the person was assessed.</summary>
    public IReadOnlyList<(AssessmentMonth Month, Scorecards.CardDto? Card)> Trend { get; private set; } = [];

    public bool MayRate { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Rating = Card.LeaderRating?.Rating;
        Comment = Card.LeaderRating?.Comment;
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(CancellationToken ct)
    {
        if (!AssessmentMonth.TryParse(Month, out var period))
        {
            return NotFound();
        }
        var found = true;
        var status = await Assessment.Pages.PageSteps.RunAsync(
            async () => found = await scorecards.RateAsync(User, UserName, period, Rating, Comment, ct) is not null,
            text,
            (field, message) =>
            {
                if (field is null)
                {
                    Problem = message;
                }
                else
                {
                    // The service's word replaces the binder's (a rating that is not a number reaches it as none).
                    var property = Assessment.Pages.PageSteps.Property(field);
                    ModelState.Remove(property);
                    ModelState.AddModelError(property, message);
                }
            }
        );
        if (!found)
        {
            return NotFound();
        }
        if (status is null)
        {
            return RedirectToPage(new { userName = UserName, month = Month });
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var page = Page();
        page.StatusCode = status.Value;
        return page;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!AssessmentMonth.TryParse(Month, out var period) || await scorecards.PersonAsync(User, UserName, period, ct) is not { } card)
        {
            return false;
        }
        (Period, Card) = (period, card);
        var trend = new List<(AssessmentMonth, Scorecards.CardDto?)>();
        for (var back = TrendMonths - 1; back > 0; back--)
        {
            var m = CardWords.Previous(period, back);
            trend.Add((m, await scorecards.PersonAsync(User, card.UserName, m, ct)));
        }
        trend.Add((period, card));
        Trend = trend;
        MayRate = !card.SignedOff && await MayRateAsync(card, ct);
        return true;
    }

    /// <summary>The rating form is offered to whom the service lets rate: the director, or a leader of one of the person's teams (never oneself).</summary>
    private async Task<bool> MayRateAsync(Scorecards.CardDto card, CancellationToken ct)
    {
        if (string.Equals(card.UserName, User.Identity?.Name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (User.IsInRole(Roles.Director))
        {
            return true;
        }
        var me = Oversight.Me(User);
        var codes = card.Teams.Select(t => t.Code).ToList();
        return await db.Set<Team>().AnyAsync(t => codes.Contains(t.Code) && t.LeaderId == me, ct);
    }
}
