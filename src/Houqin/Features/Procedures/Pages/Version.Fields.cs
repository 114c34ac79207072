using Microsoft.AspNetCore.Mvc;

namespace Houqin.Features.Procedures.Pages;

/// <summary>The forms' fields; each form posts only its own.</summary>
public sealed partial class VersionModel
{
    [BindProperty]
    public int? Clause { get; set; }

    [BindProperty]
    public string? CommentText { get; set; }

    [BindProperty]
    public Guid? CommentId { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Beijing wall-clock time from a datetime-local input.</summary>
    [BindProperty]
    public DateTime? ClosesAt { get; set; }

    [BindProperty]
    public string? Heading { get; set; }

    [BindProperty]
    public string? ClauseHtml { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    /// <summary>The number typed for a parameter: yuan, a count, or a duration in <see cref="Per"/>.</summary>
    [BindProperty]
    public string? Amount { get; set; }

    /// <summary>A duration's unit: <c>M</c>inutes, <c>H</c>ours or <c>D</c>ays.</summary>
    [BindProperty]
    public string? Per { get; set; }

    [BindProperty]
    public List<string> Codes { get; set; } = [];

    [BindProperty]
    public bool Flag { get; set; }

    [BindProperty]
    public DateOnly? MeetingDate { get; set; }

    [BindProperty]
    public string? MinutesRef { get; set; }

    [BindProperty]
    public string? ResolutionNo { get; set; }

    /// <summary>Beijing wall-clock time from a datetime-local input.</summary>
    [BindProperty]
    public DateTime? EffectiveAt { get; set; }

    private string? errorScope;
    private string? errorMessage;

    /// <summary>The message for the form <paramref name="scope"/> names, when that form was posted wrong.</summary>
    public string? ErrorAt(string scope) => errorScope == scope ? errorMessage : null;
}
