using Houqin.Data;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// Runs one step of a request for the signed-in person: the request's own method decides whether it is
/// allowed; the step and its audit event are saved together, or neither.
/// </summary>
public sealed class RequestSteps(AppDbContext db, AuditLog audit, TimeProvider clock, IHttpContextAccessor http)
{
    public async Task<IResult> TakeAsync(Guid id, string action, Action<ServiceRequest, Guid, DateTime> step, CancellationToken ct, string? note = null)
    {
        var user = http.HttpContext!.User;
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.Set<ServiceRequest>().SingleOrDefaultAsync(r => r.Id == id, ct);
        var viewer = await Viewer.LoadAsync(db, user, now, ct);
        if (request is null || !viewer.CanSee(request))
        {
            return ApiProblem.NotFound("No such request");
        }
        try
        {
            step(request, viewer.UserId, now);
        }
        catch (RequestRuleException e)
        {
            return Refused(e);
        }
        catch (InvalidFieldException e)
        {
            return ApiProblem.Invalid(e.Field, e.Message);
        }
        catch (ArgumentException e)
        {
            return ApiProblem.Invalid(ServiceDeskApi.FieldName(e.ParamName), e.Message);
        }
        audit.Record(action, Intake.SubjectType, request.Id, new { request.Number, status = request.Status.ToString() }, note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblem.Conflict("concurrent_change", "Someone else changed this request; reload it and try again.");
        }
        return Results.Ok((await RequestView.ShowAsync(db, [request], true, ct))[0]);
    }

    public static IResult Refused(RequestRuleException e) =>
        e.Code == RequestRuleException.NotYours
            ? ApiProblem.Create(StatusCodes.Status403Forbidden, e.Code, "Not allowed", e.Message)
            : ApiProblem.Conflict(e.Code, e.Code == RequestRuleException.InvalidState ? "Not allowed in the request's current state" : "Conflict", e.Message);
}
