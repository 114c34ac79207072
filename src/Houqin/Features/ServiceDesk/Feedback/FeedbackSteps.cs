using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>
/// Runs a feedback step on a request through <see cref="RequestSteps"/> (who may see it, the step's own rules,
/// one audit event, one save) and answers with the request's feedback rather than the request.
/// </summary>
public sealed class FeedbackSteps(RequestSteps steps, AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>The problem to answer, or null when the step was saved.</summary>
    public async Task<IResult?> RunAsync(Guid id, string action, Func<ServiceRequest, Guid, DateTime, Task> step, string? note, CancellationToken ct)
    {
        StepOutcome outcome;
        try
        {
            outcome = await steps.RunAsync(id, action, step, ct, note);
        }
        catch (DbUpdateException)
        {
            // A unique index refused a second rating or evaluation saved at the same moment as the first.
            db.ChangeTracker.Clear();
            return RequestSteps.Problem(StepOutcome.ConcurrentChange);
        }
        return outcome.Succeeded ? null : RequestSteps.Problem(outcome);
    }

    public async Task<IResult> TakeAsync(Guid id, string action, Func<ServiceRequest, Guid, DateTime, Task> step, string? note, CancellationToken ct)
    {
        if (await RunAsync(id, action, step, note, ct) is { } problem)
        {
            return problem;
        }
        var user = http.HttpContext!.User;
        var request = await db.Set<ServiceRequest>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var viewer = await Viewer.LoadAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        return Results.Ok(await FeedbackView.ForRequestAsync(db, request, viewer, ComplaintReader.Of(user), ct));
    }
}
