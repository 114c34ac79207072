using Microsoft.Extensions.Localization;
using Houqin.Infrastructure.Policies;
using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// Two versions side by side, clause by clause and parameter by parameter (<see cref="VersionDiff"/>), the changed
/// words of a changed clause marked. Public when both versions are; a draft stays with the office.
/// </summary>
[AllowAnonymous]
public sealed class DiffModel(AppDbContext db, CurrentActor actor, IStringLocalizer<PolicyText> labels, IStringLocalizer<ProcedureText> text) : PageModel
{
    public sealed record ParameterLine(string Key, string Label, Change Change, string Before, string After);

    private ParameterWords Words => new(text, labels);

    public Procedure Procedure { get; private set; } = null!;

    public VersionDiff Diff { get; private set; } = null!;

    public IReadOnlyList<ParameterLine> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int from, int to, CancellationToken ct)
    {
        var reader = Reader.Of(User, actor.UserId);
        var versions = await db.Set<ProcedureVersion>().AsNoTracking().Where(v => v.ProcedureId == id && (v.Number == from || v.Number == to)).ToListAsync(ct);
        var before = versions.FirstOrDefault(v => v.Number == from);
        var after = versions.FirstOrDefault(v => v.Number == to);
        if (before is null || after is null || !reader.MaySee(before.Status) || !reader.MaySee(after.Status))
        {
            return NotFound();
        }
        Procedure = await db.Set<Procedure>().AsNoTracking().SingleAsync(p => p.Id == id, ct);
        Diff = VersionDiff.Between(before, after);
        Parameters = Diff
            .Parameters.Select(p => new ParameterLine(p.Key, Words.Label(p.Key), p.Change, Words.Value(p.Key, p.Before), Words.Value(p.Key, p.After)))
            .ToList();
        return Page();
    }

    /// <summary>The changed words of a clause present on both sides.</summary>
    public static IReadOnlyList<(Piece Piece, string Text)> ChangedWords(Clause before, Clause after) =>
        TextDiff.Between(TextDiff.Plain(before.Text), TextDiff.Plain(after.Text));
}
