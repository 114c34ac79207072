using System.Globalization;
using System.Text.Json;

namespace Houqin.Infrastructure.Policies;

/// <summary>A value that does not fit its parameter's unit or bounds; the message names the parameter and says what fits.</summary>
public sealed class PolicyValueException(string key, string message) : Exception(message)
{
    public string Key { get; } = key;
}

/// <summary>
/// Checks a JSON value against its parameter and writes it in one canonical form, so two versions compare
/// by text and the snapshot parses what it reads without surprises.
/// </summary>
public static class PolicyValues
{
    /// <summary>The largest amount a parameter may hold: ¥100,000,000.00, well inside a fen count in a long.</summary>
    private const decimal MaxYuan = 100_000_000m;

    public static string Canonical(PolicyParameter p, JsonElement value) =>
        p.Unit switch
        {
            PolicyUnit.Yuan => Yuan(p, value),
            PolicyUnit.WorkingTime or PolicyUnit.WallTime => Duration(p, value, wholeDays: false),
            PolicyUnit.WorkingDays => Duration(p, value, wholeDays: true),
            PolicyUnit.Count => Count(p, value),
            PolicyUnit.Flag => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetRawText()
                : throw Wrong(p, "true or false"),
            PolicyUnit.Codes => Codes(p, value),
            _ => throw new InvalidOperationException($"Unit {p.Unit} has no reader."),
        };

    /// <summary>Checks a value given as JSON text (a default, or a stored value) the same way.</summary>
    public static string Canonical(PolicyParameter p, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Canonical(p, doc.RootElement);
    }

    private static string Yuan(PolicyParameter p, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var yuan) || yuan < 0 || yuan > MaxYuan || decimal.Round(yuan, 2) != yuan)
        {
            throw Wrong(p, "an amount in yuan as a number with at most two decimals, e.g. 1000 or 1234.50");
        }
        return (yuan / 1.00000000000000000000m).ToString(CultureInfo.InvariantCulture);
    }

    private static string Duration(PolicyParameter p, JsonElement v, bool wholeDays)
    {
        var ok = v.ValueKind == JsonValueKind.String && PolicyDuration.TryParse(v.GetString(), out var d) && (!wholeDays || d.Minutes == 0);
        if (!ok)
        {
            var clock = p.Unit switch
            {
                PolicyUnit.WorkingTime => "in office hours",
                PolicyUnit.WallTime => "round the clock",
                _ => "in working days",
            };
            throw Wrong(p, wholeDays ? $"whole days as ISO 8601, e.g. \"P5D\" ({clock})" : $"a duration as ISO 8601, e.g. \"PT30M\" or \"P3D\" ({clock})");
        }
        return JsonSerializer.Serialize(PolicyDuration.Parse(v.GetString()!).ToString());
    }

    private static string Count(PolicyParameter p, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < p.Min || n > p.Max)
        {
            throw Wrong(p, p.Max == long.MaxValue ? $"a whole number of at least {p.Min}" : $"a whole number from {p.Min} to {p.Max}");
        }
        return n.ToString(CultureInfo.InvariantCulture);
    }

    private static string Codes(PolicyParameter p, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !p.Allowed.Contains(e.GetString()!)))
        {
            throw Wrong(p, "a list of codes from: " + string.Join(", ", p.Allowed));
        }
        var codes = v.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return JsonSerializer.Serialize(codes);
    }

    private static PolicyValueException Wrong(PolicyParameter p, string expected) => new(p.Key, $"{p.Key} must be {expected}.");
}
