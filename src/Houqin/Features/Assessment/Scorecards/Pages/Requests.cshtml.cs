using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment.ScorecardPages;

/// <summary>The requests behind one number on a person's card, by number, each leading to the request.</summary>
[Authorize(Policy = Permissions.ReadScorecards)]
public sealed class RequestsModel(Scorecards scorecards, AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Number, string Description, RequestStatus Status, DateTime CreatedAt);

    public AssessmentMonth Period { get; private set; }

    public Scorecards.CardDto Card { get; private set; } = null!;

    public Figure Figure { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string userName, string month, string key, CancellationToken ct)
    {
        if (!AssessmentMonth.TryParse(month, out var period) || await scorecards.PersonAsync(User, userName, period, ct) is not { } card)
        {
            return NotFound();
        }
        if (CardWords.Find(card.Figures, key) is not { RequestIds: not null } figure)
        {
            return NotFound();
        }
        (Period, Card, Figure) = (period, card, figure);
        var ids = figure.RequestIds.Distinct().ToList();
        Rows = await db
            .Set<ServiceRequest>()
            .AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .OrderBy(r => r.Year)
            .ThenBy(r => r.Sequence)
            .Select(r => new Row(r.Id, r.Number, r.Description, r.Status, r.CreatedAt))
            .ToListAsync(ct);
        return Page();
    }
}
