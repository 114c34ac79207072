using System.Text.Json;
using System.Text.Json.Serialization;

namespace Houqin.Infrastructure;

/// <summary>
/// The one rule for text coming in (ADR 0033): the C0 control characters U+0000–U+001F are refused, except tab,
/// line feed and carriage return, which people type. PostgreSQL cannot store U+0000 in text at all (a 500 and the
/// action lost, while SQLite kept it), and none of them is anything a person meant to write; XML 1.0 — the XLSX
/// exports — refuses exactly this set too. Applied at the input boundary, not per field: JSON bodies
/// (<see cref="RefusingControlCharacters"/>), the API's query and route values, and the pages' forms and queries.
/// </summary>
public static class ControlCharacters
{
    /// <summary>The index of the first refused character, or -1 when the text may be stored.</summary>
    public static int IndexOf(string? text)
    {
        if (text is null)
        {
            return -1;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (IsRefused(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    public static bool Contains(string? text) => IndexOf(text) >= 0;

    public static bool IsRefused(char c) => c < '\u0020' && c is not ('\t' or '\n' or '\r');

    /// <summary>What the API says of the field (English, like every <c>detail</c>), naming the first refused character.</summary>
    public static string Problem(string text) =>
        $"contains the control character U+{(int)text[IndexOf(text)]:X4}; text may hold tab, line feed and carriage return, no other control character";
}

/// <summary>A JSON string holding a refused control character: the API answers 400 <c>control_character</c> naming the field.</summary>
public sealed class ControlCharacterException(string message) : JsonException(message);

/// <summary>
/// The API's reading of every JSON string (registered once for the minimal APIs' JSON options): a string holding a
/// refused control character fails the body, with the path of the field, before any endpoint sees it.
/// </summary>
public sealed class RefusingControlCharacters : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // Dictionary keys are text coming in too.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string? Checked(string? text) => ControlCharacters.Contains(text) ? throw new ControlCharacterException(ControlCharacters.Problem(text!)) : text;
}
