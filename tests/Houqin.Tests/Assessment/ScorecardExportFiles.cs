using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Houqin.Tests.Assessment;

/// <summary>Reads the exports back as a reader's program would: the workbook's cells, and the text printed on each PDF page.</summary>
public static partial class ScorecardExportFiles
{
    public static List<IDictionary<string, object?>> Sheet(byte[] xlsx, string sheet)
    {
        using var stream = new MemoryStream(xlsx);
        return [.. stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
    }

    public static List<string> SheetNames(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.GetSheetNames();
    }

    /// <summary>
    /// Each page's text: the glyph ids the content streams show (Identity-H, two bytes each) turned back into characters
    /// through the fonts' ToUnicode maps; a row's cells run together.
    /// </summary>
    public static List<string> PdfPages(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var glyphs = new Dictionary<int, string>();
        foreach (var o in document.Internals.GetAllObjects())
        {
            if (o is PdfDictionary { Stream: { } s })
            {
                var text = Encoding.Latin1.GetString(s.UnfilteredValue);
                foreach (Match m in CMapRange().Matches(text))
                {
                    var (from, to, first) = (Hex(m.Groups[1].Value), Hex(m.Groups[2].Value), Hex(m.Groups[3].Value));
                    for (var g = from; g <= to; g++)
                    {
                        glyphs[g] = char.ConvertFromUtf32(first + g - from);
                    }
                }
                foreach (Match m in CMapChar().Matches(text))
                {
                    glyphs[Hex(m.Groups[1].Value)] = Encoding.BigEndianUnicode.GetString(Convert.FromHexString(m.Groups[2].Value));
                }
            }
        }
        return [.. document.Pages.Cast<PdfPage>().Select(p => PageText(ContentReader.ReadContent(p), glyphs))];
    }

    private static string PageText(CSequence content, Dictionary<int, string> glyphs)
    {
        var text = new StringBuilder();
        void Walk(CObject o)
        {
            switch (o)
            {
                case CString s:
                    var bytes = Encoding.Latin1.GetBytes(s.Value);
                    for (var i = 0; i + 1 < bytes.Length; i += 2)
                    {
                        text.Append(glyphs.GetValueOrDefault((bytes[i] << 8) | bytes[i + 1], "\uFFFD"));
                    }
                    break;
                case COperator op:
                    foreach (var x in op.Operands)
                    {
                        Walk(x);
                    }
                    if (op.OpCode.Name is "Tj" or "TJ")
                    {
                        text.Append('|');
                    }
                    break;
                case CSequence seq:
                    foreach (var x in seq)
                    {
                        Walk(x);
                    }
                    break;
            }
        }
        Walk(content);
        return text.ToString();
    }

    private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>")]
    private static partial Regex CMapRange();

    [GeneratedRegex(@"(?<![>\s]\s*)<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>(?!\s*<)")]
    private static partial Regex CMapChar();
}
