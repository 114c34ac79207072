using Houqin.Infrastructure.Policies;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>
/// Rates requests: the requester's real rating (a low one calls for a return visit), and the default the
/// lifecycle leaves on a confirmed request nobody rated: at once when it confirmed itself, at the next sweep when it has
/// no requester to rate it, else when the policy's rating window closes (ADR 0023).
/// </summary>
public sealed class Ratings(AppDbContext db, AuditLog audit, ReturnVisits visits, FeedbackNotices notices, TimeProvider clock, Policies policies, RequestTimers timers)
{
    /// <summary>
    /// Real ratings only: what every figure (averages, boards, scorecards, the portal) must read. The same as
    /// <c>db.Set&lt;Rating&gt;()</c>, whose query filter already drops defaults; named so the intent is plain.
    /// </summary>
    public static IQueryable<Rating> Real(AppDbContext db) => db.Set<Rating>().Where(r => !r.IsDefault);

    /// <summary>The request's rating, real or default: only for showing that one request.</summary>
    public static IQueryable<Rating> WithDefaults(AppDbContext db) => db.Set<Rating>().IgnoreQueryFilters([RatingConfiguration.RealOnly]);

    /// <summary>The requester rates (a step of <see cref="RequestSteps"/>); a default is replaced, a real rating refused.</summary>
    public async Task RateAsync(ServiceRequest request, Guid by, Scores scores, string? comment, DateTime now, CancellationToken ct)
    {
        var existing = await WithDefaults(db).SingleOrDefaultAsync(r => r.RequestId == request.Id, ct);
        if (existing is null)
        {
            db.Add(Rating.Give(request, by, scores, comment, now));
        }
        else
        {
            existing.ReplaceDefault(request, by, scores, comment, now);
        }
        // Rated within the window: there is nothing left to default.
        await timers.CancelAsync(RequestTimers.DefaultRating, request, ct);
        notices.Tell([request.HandlerId, request.FirstContactOwnerId], "service_request.rated", request);
        if (scores.Worst <= (await policies.DeskAsync(ct)).ReturnVisitAtOrBelowRating)
        {
            visits.Open(request, ReturnVisitReason.LowRating, null, now);
        }
    }

    /// <summary>
    /// A request was confirmed by hand (a step of <see cref="RequestActions.ConfirmAsync"/>): its requester has the policy's
    /// rating window to rate it. A request logged for a caller without an account has nobody who could ever rate it, so
    /// its window closes at the confirmation itself: the next sweep records the default (after the confirmation on the
    /// timeline) rather than after a wait that cannot change anything.
    /// </summary>
    public async Task ConfirmedAsync(ServiceRequest request, DateTime now, CancellationToken ct) =>
        timers.Schedule(RequestTimers.DefaultRating, request, request.RequesterId is null ? now : now + (await policies.DeskAsync(ct)).RatingWindow);

    /// <summary>
    /// Marks a confirmed, unrated request as rated by default, in the caller's unit of work (the caller saves): for the
    /// auto-confirmation, the closing of the rating window, and a confirmed request without a requester. Does nothing
    /// when the request already has a rating; returns the default it added.
    /// </summary>
    public async Task<Rating?> RecordDefaultAsync(ServiceRequest request, CancellationToken ct)
    {
        if (await WithDefaults(db).AnyAsync(r => r.RequestId == request.Id, ct))
        {
            return null;
        }
        var rating = Rating.Default(request, clock.GetUtcNow().UtcDateTime);
        db.Add(rating);
        audit.RecordAs(CurrentActor.System, "service_request.default_rated", Intake.SubjectType, request.Id, new { request.Number });
        return rating;
    }
}
