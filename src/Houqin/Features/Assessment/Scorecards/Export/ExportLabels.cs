using System.Globalization;
using Houqin.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment;

/// <summary>Marker for the exports' strings: Resources/Features.Assessment.ScorecardExportText(.en-US).resx.</summary>
public sealed class ScorecardExportText;

/// <summary>The words of an export in the reader's language (zh-CN unless they chose otherwise).</summary>
public sealed class ExportLabels(IStringLocalizer<ScorecardExportText> text)
{
    public string this[string name] => text[name];

    public string Figure(string key) => text["Figure_" + key];

    public string CountOf(string key) => text["CountOf", Figure(key)];

    public string Grade(string? grade) => grade is null ? "" : text["Grade_" + grade];

    public string Page(int page, int of) => text["Page", page, of];

    public string Title(string office, string month) => text["Title", office, month];

    public string State(Scorecards.MonthDto month) =>
        month.SignedAt is { } at ? text["SignedOff", Prose.Date(DateOnly.FromDateTime(Prose.ToBeijing(at)), CultureInfo.CurrentUICulture)] : text["Live"];
}
