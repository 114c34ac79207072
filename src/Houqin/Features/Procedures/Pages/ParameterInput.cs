using System.Globalization;
using System.Text.Json;
using Houqin.Infrastructure.Policies;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// A parameter as its form shows and posts it: a plain number (yuan, a count, or a duration per minutes, hours
/// or days), ticked codes, or a yes/no; turned into the JSON value of the parameter's unit for the steps to check.
/// </summary>
public sealed record ParameterInput(string Amount, string Per, IReadOnlyList<string> Codes, bool Flag)
{
    public static ParameterInput Posted(string? amount, string? per, IReadOnlyList<string> codes, bool flag) => new(amount ?? "", per ?? "M", codes, flag);

    public static ParameterInput Of(PolicyParameter p, string stored)
    {
        using var doc = JsonDocument.Parse(stored);
        var v = doc.RootElement;
        switch (p.Unit)
        {
            case PolicyUnit.Flag:
                return new("", "", [], v.ValueKind == JsonValueKind.True);
            case PolicyUnit.Codes:
                return new("", "", [.. v.EnumerateArray().Select(e => e.GetString()!)], false);
            case PolicyUnit.WorkingTime or PolicyUnit.WallTime or PolicyUnit.WorkingDays:
                var d = PolicyDuration.Parse(v.GetString()!);
                return d switch
                {
                    { Minutes: 0 } => new(N(d.Days), "D", [], false),
                    { Days: 0, Minutes: var m } when m % 60 == 0 => new(N(m / 60), "H", [], false),
                    _ => new(N(p.Unit == PolicyUnit.WorkingTime ? d.WorkingMinutes : (int)d.Wall.TotalMinutes), "M", [], false),
                };
            default:
                return new(v.GetRawText(), "", [], false);
        }
    }

    /// <summary>The JSON value, or null when what was typed is not a number of the right kind.</summary>
    public JsonElement? ToJson(PolicyParameter p)
    {
        switch (p.Unit)
        {
            case PolicyUnit.Flag:
                return JsonSerializer.SerializeToElement(Flag);
            case PolicyUnit.Codes:
                return JsonSerializer.SerializeToElement(Codes);
            case PolicyUnit.Yuan:
                return decimal.TryParse(Amount.Trim().TrimStart('¥').Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
                    ? JsonSerializer.SerializeToElement(yuan)
                    : null;
            case PolicyUnit.Count:
                return long.TryParse(Amount.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? JsonSerializer.SerializeToElement(count) : null;
            default:
                if (!int.TryParse(Amount.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                {
                    return null;
                }
                var iso = (p.Unit == PolicyUnit.WorkingDays ? "D" : Per) switch
                {
                    "D" => $"P{n}D",
                    "H" => $"PT{n}H",
                    _ => $"PT{n}M",
                };
                return JsonSerializer.SerializeToElement(iso);
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
