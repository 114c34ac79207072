using Houqin.Data;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>How a step ended, for the API (problem+json) and the pages (a message on the form) alike.</summary>
public sealed record StepOutcome(ServiceRequest? Request, int Status, string? Code, string? Field, string? Message)
{
    public bool Succeeded => Status == StatusCodes.Status200OK;

    public static StepOutcome Done(ServiceRequest r) => new(r, StatusCodes.Status200OK, null, null, null);

    /// <summary>Saved, for a step on something beside the request (a complaint's answer).</summary>
    public static readonly StepOutcome Saved = new(null, StatusCodes.Status200OK, null, null, null);

    public static readonly StepOutcome NotFound = new(null, StatusCodes.Status404NotFound, "not_found", null, "No such request");

    public static StepOutcome Refused(RequestRuleException e) =>
        new(null, e.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, e.Code, null, e.Message);

    public static StepOutcome Invalid(string field, string message, string code = InvalidFieldException.DefaultCode) =>
        new(null, StatusCodes.Status422UnprocessableEntity, code, field, message);

    public static readonly StepOutcome ConcurrentChange = new(
        null,
        StatusCodes.Status409Conflict,
        "concurrent_change",
        null,
        "Someone else changed this request; reload it and try again."
    );
}

/// <summary>
/// Runs one step of a request for the signed-in person: the request's own method decides whether it is
/// allowed; the step and its audit event (and whatever the step scheduled or told) are saved together, or neither.
/// </summary>
public sealed class RequestSteps(AppDbContext db, AuditLog audit, TimeProvider clock, IHttpContextAccessor http, RequestTimers timers)
{
    public async Task<IResult> AnswerAsync(StepOutcome outcome, CancellationToken ct) =>
        outcome.Succeeded ? Results.Ok((await RequestView.ShowAsync(db, [outcome.Request!], true, ct))[0]) : Problem(outcome);

    public static IResult Problem(StepOutcome outcome) =>
        outcome switch
        {
            { Field: { } field } => ApiProblem.Invalid(field, outcome.Message!, outcome.Code!),
            { Status: StatusCodes.Status404NotFound } => ApiProblem.NotFound(outcome.Message!),
            { Status: StatusCodes.Status403Forbidden } => ApiProblem.Create(StatusCodes.Status403Forbidden, outcome.Code!, "Not allowed", outcome.Message!),
            _ => ApiProblem.Conflict(outcome.Code!, outcome.Code == RequestRuleException.InvalidState ? "Not allowed in the request's current state" : "Conflict", outcome.Message!),
        };

    /// <summary>
    /// Loads the request the caller may see, runs the step, cancels the timers it satisfied, records it (with
    /// <paramref name="data"/> beside the number and status when given) and saves. Pages call the steps of
    /// <see cref="RequestActions"/>, which come through here with what they schedule and tell.
    /// </summary>
    public async Task<StepOutcome> RunAsync(
        Guid id,
        string action,
        Func<ServiceRequest, Guid, DateTime, Task> step,
        CancellationToken ct,
        string? note = null,
        Func<ServiceRequest, object>? data = null
    )
    {
        var user = http.HttpContext!.User;
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.Set<ServiceRequest>().SingleOrDefaultAsync(r => r.Id == id, ct);
        var viewer = await Viewer.LoadAsync(db, user, now, ct);
        if (request is null || !viewer.CanSee(request))
        {
            return StepOutcome.NotFound;
        }
        try
        {
            await step(request, viewer.UserId, now);
            await timers.SyncAsync(request, ct);
        }
        catch (RequestRuleException e)
        {
            db.ChangeTracker.Clear();
            return StepOutcome.Refused(e);
        }
        catch (InvalidFieldException e)
        {
            db.ChangeTracker.Clear();
            return StepOutcome.Invalid(e.Field, e.Message, e.Code);
        }
        catch (ArgumentException e)
        {
            db.ChangeTracker.Clear();
            return StepOutcome.Invalid(ServiceDeskApi.FieldName(e.ParamName), e.Message);
        }
        if (db.Entry(request).Property(r => r.HandlerId).IsModified)
        {
            await Search.RequestSearch.IndexAsync(db, request, ct);
        }
        audit.Record(action, Intake.SubjectType, request.Id, data?.Invoke(request) ?? new { request.Number, status = request.Status.ToString() }, note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return StepOutcome.ConcurrentChange;
        }
        return StepOutcome.Done(request);
    }

    public static IResult Refused(RequestRuleException e) => Problem(StepOutcome.Refused(e));
}
