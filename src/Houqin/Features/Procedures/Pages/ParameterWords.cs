using System.Globalization;
using System.Text.Json;
using Houqin.Infrastructure;
using Houqin.Infrastructure.Policies;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// A parameter's value in words (its label is <see cref="ParameterLabels"/>): money as <c>¥1,000.00</c>, durations
/// as <c>30 分钟</c>, <c>3 个工作日</c>, <c>7 天</c>.
/// </summary>
public sealed class ParameterWords(IStringLocalizer<ProcedureText> text)
{
    public static PolicyParameter? Definition(string key) => PolicyCatalog.Find(key, _ => true);

    public string Unit(string key) => Definition(key) is { } p ? text["Unit_" + p.Unit].Value : "";

    /// <summary>The stored canonical JSON value in words; what cannot be read shows as it is stored.</summary>
    public string Value(string key, string? json)
    {
        if (json is null)
        {
            return "—";
        }
        if (Definition(key) is not { } p)
        {
            return json;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            var v = doc.RootElement;
            return p.Unit switch
            {
                PolicyUnit.Yuan => Money.FromYuan(v.GetDecimal()).ToString(),
                PolicyUnit.WorkingTime or PolicyUnit.WorkingDays => Duration(PolicyDuration.Parse(v.GetString()!), working: true),
                PolicyUnit.WallTime => Duration(PolicyDuration.Parse(v.GetString()!), working: false),
                PolicyUnit.Count => v.GetInt64().ToString("N0", CultureInfo.InvariantCulture),
                PolicyUnit.Flag => text[v.GetBoolean() ? "Flag_True" : "Flag_False"].Value,
                PolicyUnit.Codes => string.Join(text["ListSeparator"].Value, v.EnumerateArray().Select(e => text.Or("Code_" + e.GetString(), e.GetString()!))),
                _ => json,
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return json;
        }
    }

    public string Duration(PolicyDuration d, bool working)
    {
        var parts = new List<string>();
        if (d.Days > 0)
        {
            parts.Add(Count(working ? "Dur_WorkingDays" : "Dur_Days", d.Days));
        }
        if (d.Minutes / 60 > 0)
        {
            parts.Add(Count(working ? "Dur_WorkingHours" : "Dur_Hours", d.Minutes / 60));
        }
        if (d.Minutes % 60 > 0)
        {
            parts.Add(Count("Dur_Minutes", d.Minutes % 60));
        }
        return string.Join(" ", parts);
    }

    private string Count(string key, int n) => n == 1 ? text.Or(key + "_One", text[key, n].Value) : text[key, n].Value;
}
