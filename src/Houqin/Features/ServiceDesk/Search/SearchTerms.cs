using System.Text;

namespace Houqin.Features.ServiceDesk.Search;

/// <summary>
/// Cuts text into the terms the search index holds, the way CJK search engines do without a dictionary:
/// every Chinese character alone and every pair of neighbours (so 停电, a two-character word, is found as
/// reliably as 水管漏水), and every run of letters or digits as a lower-case word (HQ-2026-000123 → hq 2026 000123).
/// The same cut applies to the index and to a query, so a query matches when all its terms are present;
/// the caller then confirms the exact phrase against the stored text.
/// </summary>
public static class SearchTerms
{
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public static IReadOnlyList<string> Cut(string text)
    {
        var terms = new List<string>();
        var s = Normalize(text);
        var word = new StringBuilder();
        var previousCjk = (char)0;
        foreach (var c in s)
        {
            if (IsCjk(c))
            {
                Flush(word, terms);
                terms.Add(c.ToString());
                if (previousCjk != 0)
                {
                    terms.Add(string.Concat(previousCjk, c));
                }
                previousCjk = c;
                continue;
            }
            previousCjk = (char)0;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else
            {
                Flush(word, terms);
            }
        }
        Flush(word, terms);
        return terms;
    }

    /// <summary>The terms of a query, distinct, at most 16 (a long query is confirmed by the phrase check anyway).</summary>
    public static IReadOnlyList<string> ForQuery(string query) => Cut(query).Distinct(StringComparer.Ordinal).Take(16).ToList();

    /// <summary>The phrases a match must contain: the query's whitespace-separated parts, normalized.</summary>
    public static IReadOnlyList<string> Phrases(string query) =>
        Normalize(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).ToList();

    public static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff';

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length > 0)
        {
            terms.Add(word.ToString());
            word.Clear();
        }
    }
}
