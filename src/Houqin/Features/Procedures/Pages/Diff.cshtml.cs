using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// Two versions side by side, clause by clause and parameter by parameter (<see cref="VersionDiff"/>), the changed
/// words of a changed clause marked. Public when both versions are; a draft stays with the office.
/// </summary>
[AllowAnonymous]
public sealed class DiffModel(ProcedureReads reads, ParameterLabels labels, IStringLocalizer<ProcedureText> text) : PageModel
{
    public sealed record ParameterLine(string Key, string Label, Change Change, string Before, string After);

    public Procedure Procedure { get; private set; } = null!;

    public VersionDiff Diff { get; private set; } = null!;

    public IReadOnlyList<ParameterLine> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int from, int to, CancellationToken ct)
    {
        if (await reads.VersionAsync(id, from, ct) is not var (procedure, before) || await reads.VersionAsync(id, to, ct) is not var (_, after))
        {
            return NotFound();
        }
        Procedure = procedure;
        Diff = VersionDiff.Between(before, after);
        var words = new ParameterWords(text);
        var read = await labels.ReadAsync(Diff.Parameters.Select(p => KeyValuePair.Create(p.Key, p.After ?? p.Before!)), ct);
        var label = read.ToDictionary(r => r.Key, r => r.Label, StringComparer.Ordinal);
        Parameters = Diff
            .Parameters.Select(p => new ParameterLine(p.Key, label[p.Key], p.Change, words.Value(p.Key, p.Before), words.Value(p.Key, p.After)))
            .ToList();
        return Page();
    }

    /// <summary>The changed words of a clause present on both sides.</summary>
    public static IReadOnlyList<(Piece Piece, string Text)> ChangedWords(Clause before, Clause after) =>
        TextDiff.Between(TextDiff.Plain(before.Text), TextDiff.Plain(after.Text));
}
