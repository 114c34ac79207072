using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Accountability;

/// <summary>
/// The ladder stops at the director, so nothing climbs past the top: instead, once a request reaches the director's
/// rung, its time there is watched, and a request still open when it runs out (or a referral whose follow-up is still
/// owed, ADR 0021) becomes an accountability case.
/// </summary>
public sealed class PastDirectorWatch(RequestClock clock, Deadlines deadlines, Policies policies)
{
    public const string Kind = "accountability.past_director";

    /// <summary>Called by the ladder when a request reaches the director's rung.</summary>
    public async Task StartAsync(ServiceRequest r, DateTime now, CancellationToken ct)
    {
        var due = await clock.DueAsync(r, (await policies.SanctionsAsync(ct)).PastDirector, now, ct);
        deadlines.Schedule(Kind, r.Id, due);
    }

    /// <summary>A referral discharges the open work the watch was for; its follow-up starts a watch of its own at the top.</summary>
    public Task StopAsync(ServiceRequest r, CancellationToken ct) => deadlines.CancelAsync(Kind, r.Id, ct);
}

internal sealed class PastDirectorDue(AppDbContext db, CaseIntake intake) : IDeadlineHandler
{
    public string Kind => PastDirectorWatch.Kind;

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        var request = await db.Set<ServiceRequest>().SingleOrDefaultAsync(r => r.Id == deadline.SubjectId, ct);
        // Open, or a referral whose follow-up was owed before the watch ran out; a referral still within its own time
        // is not a matter left with the director (the referral cancelled the watch, ADR 0021).
        if (request is not null && (request.IsOpen || (request.AwaitsReferralFollowUp && request.ReferralFollowUpBy <= deadline.Due)))
        {
            await intake.PastDirectorAsync(request, ct);
        }
    }
}
