using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Houqin.Infrastructure.Calendar;

/// <summary>
/// A year's schedule in holiday-cn's JSON format (github.com/NateScarlet/holiday-cn):
/// <c>{"year":2026,"papers":[…],"days":[{"name":"元旦","date":"2026-01-01","isOffDay":true}, …]}</c>,
/// where <c>isOffDay: false</c> marks a make-up working day.
/// </summary>
public sealed record HolidayCnYear(int Year, IReadOnlyList<string> Papers, IReadOnlyList<HolidayCnDay> Days)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parses and checks a document; the error names the offending field (e.g. <c>days[3].date</c>).</summary>
    public static HolidayCnYear Parse(JsonElement doc)
    {
        if (doc.ValueKind != JsonValueKind.Object)
        {
            throw new HolidayCnFormatException("", "The document must be a JSON object.");
        }
        if (!doc.TryGetProperty("year", out var y) || y.ValueKind != JsonValueKind.Number || !y.TryGetInt32(out var year))
        {
            throw new HolidayCnFormatException("year", "year must be a number such as 2027.");
        }
        if (year is < 2000 or > 2200)
        {
            throw new HolidayCnFormatException("year", "year must be between 2000 and 2200.");
        }
        var papers = new List<string>();
        if (doc.TryGetProperty("papers", out var p) && p.ValueKind == JsonValueKind.Array)
        {
            papers.AddRange(p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }
        // Read here rather than through the API's JSON options: the same rule for text as every other input (ADR 0033).
        if (papers.FirstOrDefault(ControlCharacters.Contains) is { } paper)
        {
            throw new HolidayCnFormatException("papers", "papers " + ControlCharacters.Problem(paper));
        }
        if (!doc.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
        {
            throw new HolidayCnFormatException("days", "days must be an array.");
        }
        var days = new List<HolidayCnDay>();
        var seen = new HashSet<DateOnly>();
        var i = 0;
        foreach (var e in daysElement.EnumerateArray())
        {
            var field = $"days[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new HolidayCnFormatException(field, "Each day must be an object.");
            }
            var name = e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
            if (name.Length is 0 or > 64)
            {
                throw new HolidayCnFormatException(field + ".name", "name must be 1 to 64 characters.");
            }
            if (ControlCharacters.Contains(name))
            {
                throw new HolidayCnFormatException(field + ".name", "name " + ControlCharacters.Problem(name));
            }
            if (
                !e.TryGetProperty("date", out var d)
                || d.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            )
            {
                throw new HolidayCnFormatException(field + ".date", "date must be yyyy-MM-dd.");
            }
            // holiday-cn files carry the late-December make-up days of the next year's New Year.
            if (Math.Abs(date.Year - year) > 1)
            {
                throw new HolidayCnFormatException(field + ".date", $"{date:yyyy-MM-dd} is not near {year}.");
            }
            if (!seen.Add(date))
            {
                throw new HolidayCnFormatException(field + ".date", $"{date:yyyy-MM-dd} appears twice.");
            }
            if (!e.TryGetProperty("isOffDay", out var off) || off.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new HolidayCnFormatException(field + ".isOffDay", "isOffDay must be true or false.");
            }
            days.Add(new HolidayCnDay(name, date, off.GetBoolean()));
        }
        if (days.Count == 0)
        {
            throw new HolidayCnFormatException("days", "A year's schedule lists at least one day.");
        }
        return new HolidayCnYear(year, papers, days);
    }

    public static HolidayCnYear Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Parse(doc.RootElement);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The shipped years, embedded in the binary: <c>Infrastructure/Calendar/Years/{year}.json</c>.</summary>
    public static IEnumerable<HolidayCnYear> Shipped()
    {
        var assembly = typeof(HolidayCnYear).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return Parse(reader.ReadToEnd());
        }
    }

    private const string ResourcePrefix = "Houqin.Infrastructure.Calendar.Years.";
}

public sealed record HolidayCnDay(
    string Name,
    [property: JsonConverter(typeof(IsoDateConverter))] DateOnly Date,
    bool IsOffDay
);

public sealed class HolidayCnFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

internal sealed class IsoDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateOnly.ParseExact(reader.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
