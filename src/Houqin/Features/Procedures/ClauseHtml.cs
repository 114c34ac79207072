using Ganss.Xss;

namespace Houqin.Features.Procedures;

/// <summary>
/// Clause text is rich text written by the office and shown to everyone, on the public portal too: only
/// structure and emphasis survive (paragraphs, lists, tables, headings, bold, links to http(s)); scripts,
/// styles, event handlers, frames and images do not.
/// </summary>
public static class ClauseHtml
{
    private static readonly HtmlSanitizer Sanitizer = Build();

    private static HtmlSanitizer Build()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        foreach (var t in new[] { "p", "br", "ol", "ul", "li", "strong", "b", "em", "i", "u", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "a", "blockquote" })
        {
            s.AllowedTags.Add(t);
        }
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.Add("href");
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("https");
        s.AllowedCssProperties.Clear();
        s.AllowedAtRules.Clear();
        s.AllowDataAttributes = false;
        return s;
    }

    public static string Sanitise(string? html) => Sanitizer.Sanitize(html ?? "").Trim();
}
