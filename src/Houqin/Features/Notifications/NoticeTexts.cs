using System.Globalization;
using System.Text.RegularExpressions;
using Houqin.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Notifications;

/// <summary>
/// A notice as its reader sees it: the kind's sentence in the reader's language with the arguments filled in
/// (instants in prose, escalation levels as the ladder's words), and where it leads.
/// </summary>
public sealed partial class NoticeTexts(IStringLocalizer<NotificationText> text)
{
    public string Render(string kind, IReadOnlyDictionary<string, string> args)
    {
        var template = text[kind];
        var sentence = template.ResourceNotFound ? text["Unknown", kind].Value : template.Value;
        return Placeholder().Replace(sentence, m => args.TryGetValue(m.Groups[1].Value, out var v) ? Format(m.Groups[1].Value, v) : m.Value);
    }

    private string Format(string name, string value) =>
        name switch
        {
            "resolveBy" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) =>
                Prose.Instant(at.UtcDateTime),
            "level" when value is "1" or "2" or "3" => text["Level_" + value],
            "step" when text["Step_" + value] is { ResourceNotFound: false } step => step.Value,
            // The ladder's own reasons are codes (ADR 0006); a reason typed by hand finds no word and shows as typed.
            "reason" when text["Reason_" + value] is { ResourceNotFound: false } reason => reason.Value,
            _ => value,
        };

    /// <summary>The page of the notice's subject; null for a subject without a page of its own.</summary>
    /// <remarks>
    /// A complaint has no page of its own: it is read, answered and called back about on its request's page, which
    /// everyone told of it may open (the complainant is the requester; the deputy directors, the director and the
    /// auditor see every request). Its notices carry the request (<c>request</c>); the anchor is the complaint's.
    /// </remarks>
    public static string? Link(string subjectType, Guid subjectId, IReadOnlyDictionary<string, string> args) =>
        subjectType switch
        {
            "ServiceRequest" => $"/requests/{subjectId}",
            "AccountabilityCase" => $"/cases/{subjectId}",
            "Complaint" when args.TryGetValue("request", out var request) && Guid.TryParse(request, out var requestId) => $"/requests/{requestId}#complaint-{subjectId}",
            // A procedure's notice is about one of its versions, and the version's page is addressed by the procedure.
            "Procedure" when args.TryGetValue("procedure", out var procedure) && Guid.TryParse(procedure, out var procedureId) && args.TryGetValue("version", out var version) =>
                $"/procedures/{procedureId}/v/{version}",
            _ => null,
        };

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
