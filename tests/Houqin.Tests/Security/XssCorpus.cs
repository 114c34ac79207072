using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Houqin.Tests.Security;

/// <summary>
/// The XSS payloads of Corpus/xss-payloads.txt (one a line), packed into texts that fit a field: each text starts
/// with a marker naming the field and how many texts came before it, then as many payloads as fit, in turn, so
/// every field walks the whole corpus as often as it is written.
/// </summary>
public static partial class XssCorpus
{
    public static readonly IReadOnlyList<string> Payloads = File.ReadAllLines(AuthorizationTableTests.AccessTable.Locate("Security/Corpus/xss-payloads.txt")).Where(l => l.Length > 0).ToList();

    /// <summary>Hands out texts for one field, each holding the next payloads of the corpus.</summary>
    public sealed class Field(string name, int maxLength, int start = 0)
    {
        private int next = start;
        private int written;

        public string Name => name;

        /// <summary>How many payloads this field has held so far (with repeats once it went round).</summary>
        public int Held { get; private set; }

        public string Next()
        {
            var text = $"XSS-{name}-{written++}";
            while (text.Length + 1 + Payloads[next % Payloads.Count].Length <= maxLength)
            {
                text += " " + Payloads[next++ % Payloads.Count];
                Held++;
            }
            return text;
        }

        /// <summary>True once every payload has been in this field at least once.</summary>
        public bool WentRound => Held >= Payloads.Count;
    }

    public static string Marker(string text) => text[..text.IndexOf(' ', StringComparison.Ordinal)];

    /// <summary>What on a page would run, load or navigate because of a payload; empty when the page is inert.</summary>
    public static List<string> LiveParts(IDocument page)
    {
        var live = new List<string>();
        foreach (var e in Everything(page))
        {
            var name = e.LocalName;
            if (name == "script" && !IsOwnScript(e))
            {
                live.Add($"script {Show(e)}");
            }
            if (Foreign.Contains(name) || (name == "meta" && e.HasAttribute("http-equiv")) || (name == "link" && !IsOwnLink(e)))
            {
                live.Add($"element {Show(e)}");
            }
            foreach (var a in e.Attributes)
            {
                var attr = a.LocalName.ToLowerInvariant();
                // htmx acts on its attributes: never our own data-hx-*, hx-on or a trigger that fires by itself.
                var htmx = attr.StartsWith("data-hx-", StringComparison.Ordinal) || attr.Contains("hx-on", StringComparison.Ordinal) || (attr == "hx-trigger" && SelfFiring().IsMatch(a.Value));
                if (attr.StartsWith("on", StringComparison.Ordinal) || htmx || attr is "srcdoc" or "style" or "formaction")
                {
                    live.Add($"attribute {attr} on {Show(e)}");
                }
                else if (UrlAttributes.Contains(attr) && DangerousUrl().IsMatch(Regex.Replace(a.Value, @"[\s\x00-\x1f]", "")) && !(name == "link" && a.Value == "data:,"))
                {
                    live.Add($"{attr}={a.Value} on {Show(e)}");
                }
            }
        }
        return live;
    }

    /// <summary>The layout's scripts: files of our own under /js or /lib, no inline code.</summary>
    private static bool IsOwnScript(IElement e) =>
        e.TextContent.Trim().Length == 0 && OwnScript().IsMatch(e.GetAttribute("src") ?? "") && e.GetAttribute("type") is null;

    private static bool IsOwnLink(IElement e) =>
        (e.GetAttribute("rel"), e.GetAttribute("href")) is ("icon", "data:,") || (e.GetAttribute("rel") == "stylesheet" && OwnStyle().IsMatch(e.GetAttribute("href") ?? ""));

    private static string Show(IElement e)
    {
        var html = e.OuterHtml;
        return html.Length > 160 ? html[..160] + "…" : html;
    }

    private static readonly HashSet<string> Foreign = new(StringComparer.Ordinal)
    {
        "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "svg", "math", "style", "template", "video", "audio",
        "source", "bgsound", "isindex", "keygen", "marquee", "image", "xss", "x", "x-x", "dialog", "noscript", "img",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.Ordinal)
    {
        "href", "src", "action", "data", "xlink:href", "background", "poster", "srcset", "lowsrc", "dynsrc", "code", "codebase", "ping", "cite", "manifest", "values", "to", "content",
    };

    /// <summary>Script and data schemes, and protocol-relative addresses (another site under our page's scheme).</summary>
    [GeneratedRegex(@"^((javascript|vbscript|data|livescript):|//|\\\\|/\\|\\/)", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousUrl();

    [GeneratedRegex(@"\b(load|revealed|intersect)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelfFiring();

    /// <summary>Every element, with those in shadow roots (declarative shadow DOM) and template contents, which the page's own list leaves out.</summary>
    private static IEnumerable<IElement> Everything(INode root)
    {
        foreach (var e in root.ChildNodes.OfType<IElement>())
        {
            yield return e;
            foreach (var inner in Everything(e))
            {
                yield return inner;
            }
            if (e.ShadowRoot is { } shadow)
            {
                foreach (var inner in Everything(shadow))
                {
                    yield return inner;
                }
            }
            if (e is AngleSharp.Html.Dom.IHtmlTemplateElement template)
            {
                foreach (var inner in Everything(template.Content))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"^/(js|lib)/[A-Za-z0-9._-]+(\?v=[A-Za-z0-9_-]+)?$")]
    private static partial Regex OwnScript();

    [GeneratedRegex(@"^/css/[A-Za-z0-9._-]+(\?v=[A-Za-z0-9_-]+)?$")]
    private static partial Regex OwnStyle();

    /// <summary>The response's CSP, or what is wrong with it: no inline script without a nonce, no plugins, no framing.</summary>
    public static List<string> CspProblems(HttpResponseMessage response)
    {
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var v) ? string.Join(";", v) : "";
        var problems = new List<string>();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
        var script = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src") ?? "";
        if (script.Length == 0 || (script.Contains("'unsafe-inline'", StringComparison.Ordinal) && !script.Contains("'nonce-", StringComparison.Ordinal)) || script.Contains("'unsafe-eval'", StringComparison.Ordinal))
        {
            problems.Add($"script-src allows inline or eval: {csp}");
        }
        if (directives.GetValueOrDefault("object-src") != "object-src 'none'")
        {
            problems.Add($"no object-src 'none': {csp}");
        }
        if (directives.GetValueOrDefault("frame-ancestors") != "frame-ancestors 'none'")
        {
            problems.Add($"no frame-ancestors 'none': {csp}");
        }
        return problems;
    }
}
