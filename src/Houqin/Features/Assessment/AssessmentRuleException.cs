namespace Houqin.Features.Assessment;

/// <summary>A rule of a checklist or a work log refused the step; <see cref="Code"/> is the API's stable error code (409, or 403 for <see cref="NotAllowed"/>).</summary>
public sealed class AssessmentRuleException(string code, string message) : InvalidOperationException(message)
{
    public const string NotAllowed = "not_allowed";
    public const string AlreadyDone = "item_already_done";
    public const string WindowNotOpen = "window_not_open";
    public const string WindowClosed = "window_closed";
    public const string PhotoRequired = "photo_required";
    public const string DayClosed = "day_closed";
    public const string DayNotClosed = "day_not_closed";
    public const string FutureDay = "future_day";

    public string Code { get; } = code;
}

/// <summary>An input that does not fit; <see cref="Field"/> names it for the 422.</summary>
public sealed class AssessmentFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

internal static class Text
{
    public static string Require(string? value, string field, int max)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0 || v.Length > max)
        {
            throw new AssessmentFieldException(field, $"{field} is required (at most {max} characters).");
        }
        return v;
    }

    public static string? Optional(string? value, string field, int max)
    {
        var v = (value ?? "").Trim();
        if (v.Length > max)
        {
            throw new AssessmentFieldException(field, $"{field} is at most {max} characters.");
        }
        return v.Length == 0 ? null : v;
    }
}
