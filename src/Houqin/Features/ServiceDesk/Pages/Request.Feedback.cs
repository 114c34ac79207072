using Houqin.Data;
using Houqin.Features.ServiceDesk.Feedback;
using Microsoft.AspNetCore.Mvc;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// What is said about the request once work is done, on its page: the rating, the handler's self-evaluation,
/// complaints with their written answers, and return visits; and the forms for those who may add to them.
/// </summary>
public sealed partial class RequestModel
{
    public FeedbackView.FeedbackDto? Feedback { get; private set; }

    /// <summary>The handler may evaluate the work they completed, once.</summary>
    public bool MayEvaluate { get; private set; }

    /// <summary>
    /// Who may call the requester back: for a due visit, whoever may make it (a complaint's: its answerer or the director,
    /// never the accused); with none due, staff among the owner, the team's leader, the deputy director, the director.
    /// </summary>
    public bool MayVisit { get; private set; }

    public Guid Me { get; private set; }

    public bool IsDirector => User.IsInRole(Roles.Director);

    [BindProperty]
    public Guid? ComplaintId { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    /// <summary>"yes", "no", or empty for an answer that does not rule on it.</summary>
    [BindProperty]
    public string? Upheld { get; set; }

    [BindProperty]
    public string? VisitOutcome { get; set; }

    [BindProperty]
    public string? VisitNote { get; set; }

    public Task<IActionResult> OnPostSelfEvaluateAsync(Guid id, [FromServices] AppDbContext db, CancellationToken ct) =>
        AnswerAsync(
            id,
            FeedbackStepAsync(
                id,
                "service_request.self_evaluated",
                (r, by, now) => SelfEvaluation.AddAsync(db, r, by, Scores.From(Timeliness, Quality, Attitude, Satisfaction), Scores.Comment(Comment), now, ct),
                null,
                ct
            ),
            ct
        );

    public Task<IActionResult> OnPostReturnVisitAsync(Guid id, [FromServices] ReturnVisits visits, CancellationToken ct) =>
        AnswerAsync(
            id,
            ServiceDeskApi.TryParse<ReturnVisitOutcome>(VisitOutcome ?? "", out var outcome)
                ? FeedbackStepAsync(id, "service_request.return_visit_recorded", (r, by, now) => visits.RecordAsync(r, by, outcome, VisitNote, now, ct), VisitNote?.Trim(), ct)
                : Task.FromResult(StepOutcome.Invalid("visitOutcome", "outcome")),
            ct
        );

    public async Task<IActionResult> OnPostAnswerComplaintAsync(Guid id, [FromServices] Complaints complaints, CancellationToken ct)
    {
        var upheld = Upheld switch
        {
            "yes" => true,
            "no" => (bool?)false,
            _ => null,
        };
        var (_, outcome) = ComplaintId is { } complaint
            ? await complaints.AnswerAsync(complaint, ComplaintReader.Of(User), IsDirector, Answer, upheld, ct)
            : (null, StepOutcome.NotFound);
        return await AnswerAsync(id, Task.FromResult(outcome with { Field = outcome.Field is "answer" ? "complaintAnswer" : outcome.Field }), ct);
    }

    private async Task LoadFeedbackAsync(AppDbContext db, ReturnVisits visits, ServiceRequest request, Viewer viewer, CancellationToken ct)
    {
        Me = viewer.UserId;
        Feedback = await FeedbackView.ForRequestAsync(db, request, viewer, ComplaintReader.Of(User), ct);
        var done = request.Status is RequestStatus.Completed or RequestStatus.Confirmed;
        MayEvaluate = done && request.HandlerId == Me && Feedback.SelfEvaluation is null;
        MayVisit = await visits.MayRecordAsync(request, Me, unasked: viewer.IsStaff && done, ct);
    }

    /// <summary>The complaint's answer is the responsible person's (or the director's) to give while it is open; never the answer of the person it is about.</summary>
    public bool MayAnswer(FeedbackView.ComplaintDto c) =>
        c.Status == nameof(ComplaintStatus.Open) && c.Staff.UserName != User.Identity?.Name && (IsDirector || c.Responsible.UserName == User.Identity?.Name);
}
