using System.IO.Compression;
using MiniExcelLibs;

namespace Houqin.Features.Assessment;

/// <summary>
/// The month as a workbook: a sheet of people (name, user name, teams, score, grade, reward, then every figure's value
/// and count) and a sheet of teams with the office's month last; headers in the reader's language, every text cell
/// neutralised (<see cref="SpreadsheetText"/>), numbers kept as numbers.
/// </summary>
public static class ScorecardWorkbook
{
    public static byte[] Write(Scorecards.MonthDto month, ExportLabels labels)
    {
        var sheets = new Dictionary<string, object>
        {
            [labels["Sheet_People"]] = month.People.Select(p => PersonRow(p, labels)).ToList(),
            [labels["Sheet_Teams"]] = TeamRows(month, labels).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        KeepCarriageReturns(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// MiniExcel writes a carriage return in a cell as it is, and every XML reader turns it into a line feed, so a name
    /// holding one would come back changed; as a character reference it survives.
    /// </summary>
    private static void KeepCarriageReturns(MemoryStream workbook)
    {
        using var zip = new ZipArchive(workbook, ZipArchiveMode.Update, leaveOpen: true);
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList())
        {
            string xml;
            using (var reader = new StreamReader(sheet.Open()))
            {
                xml = reader.ReadToEnd();
            }
            if (!xml.Contains('\r', StringComparison.Ordinal))
            {
                continue;
            }
            using var writer = new StreamWriter(sheet.Open());
            writer.BaseStream.SetLength(0);
            writer.Write(xml.Replace("\r", "&#xD;", StringComparison.Ordinal));
        }
    }

    private static Dictionary<string, object?> PersonRow(Scorecards.CardDto p, ExportLabels labels)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [labels["Name"]] = SpreadsheetText.Neutralise(p.DisplayName),
            [labels["UserName"]] = SpreadsheetText.Neutralise(p.UserName),
            [labels["Teams"]] = SpreadsheetText.Neutralise(string.Join("、", p.Teams.Select(t => t.Name))),
            [labels["Score"]] = p.Score,
            [labels["Grade"]] = SpreadsheetText.Neutralise(labels.Grade(p.Grade)),
            [labels["Reward"]] = p.Reward,
        };
        AddFigures(row, p.Figures, labels);
        return row;
    }

    private static IEnumerable<Dictionary<string, object?>> TeamRows(Scorecards.MonthDto month, ExportLabels labels)
    {
        var teams = month.Teams.Select(t => (Code: t.Code, Name: t.Name, Card: t));
        if (month.Office is { } office)
        {
            teams = teams.Append(("", labels["Office"], office));
        }
        foreach (var (code, name, card) in teams)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [labels["Team"]] = SpreadsheetText.Neutralise(name),
                [labels["TeamCode"]] = SpreadsheetText.Neutralise(code),
                [labels["Members"]] = card.Members,
                [labels["Score"]] = card.Score,
            };
            AddFigures(row, card.Figures, labels);
            yield return row;
        }
    }

    /// <summary>Every figure the scorecard knows, in its order, so a column means the same on every row.</summary>
    private static void AddFigures(Dictionary<string, object?> row, IReadOnlyList<Figure> figures, ExportLabels labels)
    {
        var byKey = figures.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var key in Figures.All.Where(k => k != Figures.Score))
        {
            var figure = byKey.GetValueOrDefault(key);
            row[labels.Figure(key)] = figure?.Value;
            row[labels.CountOf(key)] = figure?.Count;
        }
    }
}
