using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>Opens the return visits the rules call for and records the calls staff make.</summary>
public sealed class ReturnVisits(AppDbContext db, FeedbackNotices notices)
{
    /// <summary>A visit falls due; the request's owner is told to call.</summary>
    public void Open(ServiceRequest request, ReturnVisitReason reason, Guid? complaintId, DateTime now)
    {
        db.Add(ReturnVisit.Open(request, reason, complaintId, now));
        notices.Tell([request.FirstContactOwnerId], "return_visit.due", request);
    }

    /// <summary>Who may call the requester back about the request.</summary>
    public async Task<ReturnVisitors> VisitorsAsync(ServiceRequest request, CancellationToken ct)
    {
        var team = await db.Set<Team>().AsNoTracking().SingleAsync(t => t.Id == request.TeamId, ct);
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        return new ReturnVisitors(request.FirstContactOwnerId, team.LeaderId, team.DeputyDirectorId, director);
    }

    /// <summary>One call answers every visit due on the request; with none due it is recorded as an unasked visit.</summary>
    public async Task RecordAsync(ServiceRequest request, Guid by, ReturnVisitOutcome outcome, string? note, DateTime now, CancellationToken ct)
    {
        var visitors = await VisitorsAsync(request, ct);
        var due = await db.Set<ReturnVisit>().Where(v => v.RequestId == request.Id && v.Status == ReturnVisitStatus.Due).ToListAsync(ct);
        if (due.Count == 0)
        {
            var unasked = ReturnVisit.Unasked(request, now);
            unasked.Record(by, visitors, outcome, note, now);
            db.Add(unasked);
            return;
        }
        foreach (var visit in due)
        {
            visit.Record(by, visitors, outcome, note, now);
        }
    }
}
