using System.Net;
using System.Text.RegularExpressions;

namespace Houqin.Features.Procedures.Pages;

public enum Piece
{
    Same,
    Removed,
    Added,
}

/// <summary>
/// A character-level diff of a changed clause's plain text, so a reader sees the words that changed, not just
/// that the clause did. Chinese has no spaces between words, so characters are the natural unit.
/// </summary>
public static partial class TextDiff
{
    /// <summary>Beyond this many cells the middle is shown as replaced whole: a clause is rarely rewritten that much.</summary>
    private const long MaxCells = 4_000_000;

    [GeneratedRegex(@"</(p|li|h3|h4|tr|blockquote)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>The clause's sanitised HTML as plain text, a line per block.</summary>
    public static string Plain(string html) => WebUtility.HtmlDecode(Tag().Replace(BlockEnd().Replace(html, "\n"), "")).Trim();

    public static IReadOnlyList<(Piece Piece, string Text)> Between(string before, string after)
    {
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }
        var a = before[prefix..^suffix];
        var b = after[prefix..^suffix];
        var pieces = new List<(Piece, string)>();
        Add(pieces, Piece.Same, before[..prefix]);
        if ((long)a.Length * b.Length > MaxCells)
        {
            Add(pieces, Piece.Removed, a);
            Add(pieces, Piece.Added, b);
        }
        else
        {
            Middle(pieces, a, b);
        }
        Add(pieces, Piece.Same, before[^suffix..]);
        return pieces;
    }

    /// <summary>Longest common subsequence, walked from the start so runs come out in reading order.</summary>
    private static void Middle(List<(Piece, string)> pieces, string a, string b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        int x = 0,
            y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Add(pieces, Piece.Same, a[x].ToString());
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                Add(pieces, Piece.Added, b[y].ToString());
                y++;
            }
            else
            {
                Add(pieces, Piece.Removed, a[x].ToString());
                x++;
            }
        }
    }

    private static void Add(List<(Piece, string)> pieces, Piece piece, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (pieces.Count > 0 && pieces[^1].Item1 == piece)
        {
            pieces[^1] = (piece, pieces[^1].Item2 + text);
        }
        else
        {
            pieces.Add((piece, text));
        }
    }
}
