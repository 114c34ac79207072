using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Houqin.Features.Assessment;

/// <summary>
/// The month on paper: A4 landscape, the office, month and whether it is signed off at the top, the teams' ranking,
/// then the people with their score, grade, reward and the figures a reader asks about first; the table's header
/// repeats on every page and each page says which of how many it is.
/// </summary>
public static class ScorecardPdf
{
    private sealed record Column(string Header, double Width, bool Right = false);

    private static readonly string[] PersonFigures = ["commitments.acknowledge.keptRate", "commitments.resolve.keptRate", "ratings.satisfaction.mean", "checklists.doneRate"];

    public static byte[] Write(Scorecards.MonthDto month, string office, ExportLabels labels, string font)
    {
        using var document = new PdfDocument();
        document.Info.Title = labels.Title(office, month.Month);
        var paper = new Paper(document, font);
        paper.Text(labels.Title(office, month.Month), paper.Title);
        paper.Text(labels.State(month), paper.Body);

        var teams = month.Teams.Select(t => (t.Name, t.Members, t.Score)).ToList();
        if (teams.Count > 0 || month.Office is not null)
        {
            paper.Gap();
            paper.Text(labels["Ranking"], paper.Bold);
            var rows = teams.Select((t, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), t.Name, Count(t.Members), Number(t.Score) }).ToList();
            if (month.Office is { } whole)
            {
                rows.Add(["", labels["Office"], Count(whole.Members), Number(whole.Score)]);
            }
            paper.Table([new(labels["Rank"], 40), new(labels["Team"], 200), new(labels["Members"], 60, true), new(labels["Score"], 60, true)], rows);
        }

        paper.Gap();
        paper.Text(labels["People"], paper.Bold);
        if (month.People.Count == 0)
        {
            paper.Text(labels["Nothing"], paper.Body);
        }
        else
        {
            Column[] columns =
            [
                new(labels["Rank"], 34),
                new(labels["Name"], 96),
                new(labels["UserName"], 90),
                new(labels["Teams"], 120),
                new(labels["Score"], 46, true),
                new(labels["Grade"], 64),
                new(labels["Reward"], 64, true),
                .. PersonFigures.Select(k => new Column(labels.Figure(k), 66, true)),
            ];
            var rows = month
                .People.Select(
                    (p, i) =>
                        new[]
                        {
                            (i + 1).ToString(CultureInfo.InvariantCulture),
                            p.DisplayName,
                            p.UserName,
                            string.Join("、", p.Teams.Select(t => t.Name)),
                            Number(p.Score),
                            labels.Grade(p.Grade),
                            Money(p.Reward),
                        }
                            .Concat(PersonFigures.Select(k => FigureText(k, p.Figures.FirstOrDefault(f => f.Key == k)?.Value)))
                            .ToArray()
                )
                .ToList();
            paper.Table(columns, rows);
        }
        paper.Finish(labels);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal? d) => d?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—";

    private static string Money(decimal d) => d > 0 ? "+" + d.ToString("0.##", CultureInfo.InvariantCulture) : d.ToString("0.##", CultureInfo.InvariantCulture);

    private static string FigureText(string key, decimal? value) =>
        value is not { } v ? "—"
        : key.EndsWith("Rate", StringComparison.Ordinal) ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : v.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The pages being written: a cursor down the page that starts a new one when the next line will not fit.</summary>
    private sealed class Paper(PdfDocument document, string font)
    {
        private const double Margin = 36;
        private const double RowHeight = 16;
        private readonly List<(PdfPage Page, XGraphics Graphics)> pages = [];
        private double y;

        public XFont Title { get; } = new(font, 16, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
        public XFont Bold { get; } = new(font, 11, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
        public XFont Body { get; } = new(font, 9, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

        private XGraphics Graphics => pages[^1].Graphics;

        private double Width => pages[^1].Page.Width.Point;

        private double Bottom => pages[^1].Page.Height.Point - Margin - RowHeight;

        public void Text(string text, XFont face)
        {
            Room(face.Height + 6);
            Graphics.DrawString(Fit(text, face, Width - 2 * Margin), face, XBrushes.Black, new XRect(Margin, y, Width - 2 * Margin, face.Height + 6), XStringFormats.CenterLeft);
            y += face.Height + 6;
        }

        public void Gap() => y += RowHeight / 2;

        public void Table(IReadOnlyList<Column> columns, IReadOnlyList<string[]> rows)
        {
            Room(2 * RowHeight);
            Header(columns);
            foreach (var row in rows)
            {
                if (y + RowHeight > Bottom)
                {
                    NewPage();
                    Header(columns);
                }
                Row(columns, row, Body);
            }
        }

        /// <summary>Numbers each page "page n of m" once the last page is known.</summary>
        public void Finish(ExportLabels labels)
        {
            if (pages.Count == 0)
            {
                NewPage();
            }
            for (var i = 0; i < pages.Count; i++)
            {
                var (page, g) = pages[i];
                var footer = new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, RowHeight);
                g.DrawString(labels.Page(i + 1, pages.Count), Body, XBrushes.Gray, footer, XStringFormats.CenterRight);
                g.Dispose();
            }
        }

        private void Header(IReadOnlyList<Column> columns)
        {
            Row(columns, [.. columns.Select(c => c.Header)], Bold);
            Graphics.DrawLine(XPens.Black, Margin, y, Margin + columns.Sum(c => c.Width), y);
        }

        private void Row(IReadOnlyList<Column> columns, string[] cells, XFont face)
        {
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                var cell = new XRect(x + 2, y, c.Width - 4, RowHeight);
                Graphics.DrawString(Fit(cells[i], face, cell.Width), face, XBrushes.Black, cell, c.Right ? XStringFormats.CenterRight : XStringFormats.CenterLeft);
                x += c.Width;
            }
            y += RowHeight;
        }

        private void Room(double height)
        {
            if (pages.Count == 0 || y + height > Bottom)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Landscape;
            pages.Add((page, XGraphics.FromPdfPage(page)));
            y = Margin;
        }

        /// <summary>A long name is cut with an ellipsis rather than running into the next column.</summary>
        private string Fit(string text, XFont face, double width)
        {
            if (Graphics.MeasureString(text, face).Width <= width)
            {
                return text;
            }
            var cut = text;
            while (cut.Length > 0 && Graphics.MeasureString(cut + "…", face).Width > width)
            {
                cut = cut[..^1];
            }
            return cut + "…";
        }
    }
}
