using System.Security.Claims;
using Houqin.Data;
using Houqin.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>
/// What people say about a request once it is done (issue 3): the requester's rating, the handler's
/// self-evaluation, complaints and their written answers, return visits.
/// </summary>
public static class FeedbackApi
{
    public sealed record ScoresBody(int? Timeliness, int? Quality, int? Attitude, int? Satisfaction, string? Comment);

    public sealed record ComplaintBody(string? Kind, string? StaffUserName, string? Text, bool? ShareIdentity);

    public sealed record ComplaintAnswerBody(string? Answer, bool? Upheld = null);

    public sealed record ReturnVisitBody(string? Outcome, string? Note);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("ServiceDesk").WithProblemWords<ServiceDeskText>().RequireAuthorization(Permissions.SignedIn);
        var request = api.MapGroup("/service-requests/{id:guid}");
        request.MapPost("/rate", RateAsync);
        request.MapPost("/self-evaluation", SelfEvaluateAsync);
        request.MapPost("/complaints", ComplainAsync);
        request.MapPost("/return-visits", RecordVisitAsync).RequireAuthorization(Permissions.MakeReturnVisits);
        request.MapGet("/feedback", ShowAsync);
        api.MapGet("/complaints", ListComplaintsAsync);
        api.MapGet("/complaints/{id:guid}", GetComplaintAsync);
        api.MapPost("/complaints/{id:guid}/answer", AnswerAsync);
        api.MapGet("/return-visits", ListVisitsAsync).RequireAuthorization(Permissions.OfficeStaff);
    }

    private static Task<IResult> RateAsync(Guid id, ScoresBody body, Ratings ratings, FeedbackSteps step, CancellationToken ct) =>
        step.TakeAsync(
            id,
            "service_request.rated",
            (r, by, now) => ratings.RateAsync(r, by, Scores.From(body.Timeliness, body.Quality, body.Attitude, body.Satisfaction), Scores.Comment(body.Comment), now, ct),
            body.Comment?.Trim(),
            ct
        );

    private static Task<IResult> SelfEvaluateAsync(Guid id, ScoresBody body, AppDbContext db, FeedbackSteps step, CancellationToken ct) =>
        step.TakeAsync(
            id,
            "service_request.self_evaluated",
            (r, by, now) => SelfEvaluation.AddAsync(db, r, by, Scores.From(body.Timeliness, body.Quality, body.Attitude, body.Satisfaction), Scores.Comment(body.Comment), now, ct),
            null,
            ct
        );

    private static async Task<IResult> ComplainAsync(Guid id, ComplaintBody body, Complaints complaints, FeedbackSteps step, AppDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ServiceDeskApi.TryParse<ComplaintKind>(body.Kind ?? "", out var kind))
        {
            return ApiProblem.Invalid("kind", "kind is BuckPassing, Attitude or Other");
        }
        Complaint? filed = null;
        var problem = await step.RunAsync(
            id,
            Complaint.Filed,
            async (r, by, now) => filed = await complaints.FileAsync(r, by, kind, body.StaffUserName ?? "", body.Text ?? "", body.ShareIdentity ?? false, now, ct),
            null,
            ct
        );
        if (problem is not null || filed is null)
        {
            return problem ?? throw new InvalidOperationException("The complaint step saved nothing.");
        }
        var dto = (await FeedbackView.ComplaintsAsync(db, [filed], ComplaintReader.Of(user), ct))[0];
        return Results.Created($"/api/v1/complaints/{filed.Id}", dto);
    }

    private static Task<IResult> RecordVisitAsync(Guid id, ReturnVisitBody body, ReturnVisits visits, FeedbackSteps step, CancellationToken ct)
    {
        if (!ServiceDeskApi.TryParse<ReturnVisitOutcome>(body.Outcome ?? "", out var outcome))
        {
            return Task.FromResult(ApiProblem.Invalid("outcome", "outcome is Satisfied, Unsatisfied or Unreachable"));
        }
        return step.TakeAsync(id, "service_request.return_visit_recorded", (r, by, now) => visits.RecordAsync(r, by, outcome, body.Note, now, ct), body.Note?.Trim(), ct);
    }

    private static async Task<IResult> ShowAsync(Guid id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var request = await db.Set<ServiceRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        var viewer = await Viewer.LoadAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        if (request is null || !viewer.CanSee(request))
        {
            return ApiProblem.NotFound("No such request");
        }
        return Results.Ok(await FeedbackView.ForRequestAsync(db, request, viewer, ComplaintReader.Of(user), ct));
    }

    private static async Task<IResult> ListComplaintsAsync(string? status, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var reader = ComplaintReader.Of(user);
        var q = db.Set<Complaint>().AsNoTracking().Where(reader.Visible());
        switch (status ?? "all")
        {
            case "open":
                q = q.Where(c => c.Status == ComplaintStatus.Open);
                break;
            case "answered":
                q = q.Where(c => c.Status == ComplaintStatus.Answered);
                break;
            case "all":
                break;
            default:
                return ApiProblem.Invalid("status", "status is open, answered or all");
        }
        var page = await q.OrderByDescending(c => c.FiledAt).ThenByDescending(c => c.Id).Take(ListLimit).ToListAsync(ct);
        return Results.Ok(await FeedbackView.ComplaintsAsync(db, page, reader, ct));
    }

    private static async Task<IResult> GetComplaintAsync(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var reader = ComplaintReader.Of(user);
        var complaint = await db.Set<Complaint>().AsNoTracking().Where(c => c.Id == id).Where(reader.Visible()).SingleOrDefaultAsync(ct);
        return complaint is null ? ApiProblem.NotFound("No such complaint") : Results.Ok((await FeedbackView.ComplaintsAsync(db, [complaint], reader, ct))[0]);
    }

    private static async Task<IResult> AnswerAsync(Guid id, ComplaintAnswerBody body, ClaimsPrincipal user, AppDbContext db, Complaints complaints, CancellationToken ct)
    {
        var reader = ComplaintReader.Of(user);
        var (answered, outcome) = await complaints.AnswerAsync(id, reader, user.IsInRole(Roles.Director), body.Answer, body.Upheld, ct);
        return answered is null ? RequestSteps.Problem(outcome) : Results.Ok((await FeedbackView.ComplaintsAsync(db, [answered], reader, ct))[0]);
    }

    private static async Task<IResult> ListVisitsAsync(string? status, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var viewer = await Viewer.LoadAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        var (me, teams) = (viewer.UserId, viewer.TeamIds.ToList());
        var everyTeam = user.IsInRole(Roles.TeamLeader) || user.IsInRole(Roles.DeputyDirector) || user.IsInRole(Roles.Director);
        var q =
            from v in db.Set<ReturnVisit>().AsNoTracking()
            join r in db.Set<ServiceRequest>() on v.RequestId equals r.Id
            where everyTeam || teams.Contains(v.TeamId) || r.FirstContactOwnerId == me
            select new { Visit = v, r.Number };
        switch (status ?? "due")
        {
            case "due":
                q = q.Where(x => x.Visit.Status == ReturnVisitStatus.Due);
                break;
            case "done":
                q = q.Where(x => x.Visit.Status == ReturnVisitStatus.Done);
                break;
            case "all":
                break;
            default:
                return ApiProblem.Invalid("status", "status is due, done or all");
        }
        var page = await q.OrderBy(x => x.Visit.OpenedAt).ThenBy(x => x.Visit.Id).Take(ListLimit).ToListAsync(ct);
        return Results.Ok(await FeedbackView.VisitsAsync(db, page.Select(x => (x.Visit, x.Number)).ToList(), ct));
    }

    /// <summary>The lists answer the oldest due or newest filed first, at most this many; paging comes with the boards.</summary>
    private const int ListLimit = 200;
}
