namespace Houqin.Features.Procedures;

/// <summary>A rule of the procedure's lifecycle refused the step; <see cref="Code"/> is the API's stable error code (409, or 403 for <see cref="NotAllowed"/>).</summary>
public sealed class ProcedureRuleException(string code, string message) : InvalidOperationException(message)
{
    public const string InvalidState = "invalid_state";
    public const string NotAllowed = "not_allowed";
    public const string ConsultationClosed = "consultation_closed";
    public const string ConsultationOpen = "consultation_open";
    public const string CommentsUnanswered = "comments_unanswered";
    public const string Immutable = "version_immutable";
    public const string DraftInProgress = "draft_in_progress";

    public string Code { get; } = code;
}

/// <summary>An input that does not fit (a clause number, a parameter's value); <see cref="Field"/> names it for the 422.</summary>
public sealed class ProcedureFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
