namespace Houqin.Features.Assessment;

/// <summary>
/// Text bound for a spreadsheet cell (QUALITY.md "exports"): a display name like <c>=HYPERLINK(…)</c> set by an
/// administrator must never become a formula when the director opens the file, so text starting with a character a
/// spreadsheet reads as the start of a formula (or a control that hides one) gets a leading apostrophe; any other text
/// goes in exactly as it is.
/// </summary>
public static class SpreadsheetText
{
    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralise(string? text) =>
        string.IsNullOrEmpty(text) ? ""
        : Dangerous.Contains(text[0]) ? "'" + text
        : text;
}
