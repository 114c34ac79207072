using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>Opens the return visits the rules call for and records the calls staff make.</summary>
public sealed class ReturnVisits(AppDbContext db, FeedbackNotices notices)
{
    /// <summary>A low rating's visit falls due; the request's owner is told to call.</summary>
    public void Open(ServiceRequest request, ReturnVisitReason reason, Guid? complaintId, DateTime now)
    {
        db.Add(ReturnVisit.Open(request, reason, complaintId, now));
        notices.Tell([request.FirstContactOwnerId], "return_visit.due", request);
    }

    /// <summary>A complaint's visit falls due; whoever answers the complaint is told to call, never the owner, who may be the one complained about (ADR 0030).</summary>
    public void OpenForComplaint(ServiceRequest request, Complaint complaint, DateTime now)
    {
        db.Add(ReturnVisit.Open(request, ReturnVisitReason.Complaint, complaint.Id, now));
        notices.Tell([complaint.ResponsibleId], "return_visit.due", request);
    }

    /// <summary>Who may call the requester back about the request, and about each of its complaints.</summary>
    public async Task<ReturnVisitors> VisitorsAsync(ServiceRequest request, CancellationToken ct)
    {
        var team = await db.Set<Team>().AsNoTracking().SingleAsync(t => t.Id == request.TeamId, ct);
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        var complaints = await db.Set<Complaint>()
            .Where(c => c.RequestId == request.Id)
            .Select(c => new { c.Id, Parties = new ComplaintParties(c.StaffId, c.ResponsibleId) })
            .ToDictionaryAsync(c => c.Id, c => c.Parties, ct);
        return new ReturnVisitors(request.FirstContactOwnerId, team.LeaderId, team.DeputyDirectorId, director) { Complaints = complaints };
    }

    /// <summary>Whether <paramref name="userId"/> has a call to record: a due visit that is theirs to make, or, with none due, an unasked one.</summary>
    public async Task<bool> MayRecordAsync(ServiceRequest request, Guid userId, bool unasked, CancellationToken ct)
    {
        var visitors = await VisitorsAsync(request, ct);
        var due = await DueAsync(request, ct);
        return due.Count > 0 ? due.Any(v => visitors.MayMake(v, userId)) : unasked && visitors.Includes(userId);
    }

    /// <summary>
    /// One call answers every due visit on the request that is the caller's to make; the others stay due (a complaint's
    /// visit is never closed by a call its accused made). With none due it is recorded as an unasked visit; with some
    /// due but none the caller's, it is refused for the reason the first of them gives.
    /// </summary>
    public async Task RecordAsync(ServiceRequest request, Guid by, ReturnVisitOutcome outcome, string? note, DateTime now, CancellationToken ct)
    {
        var visitors = await VisitorsAsync(request, ct);
        var due = await DueAsync(request, ct);
        if (due.Count == 0)
        {
            var unasked = ReturnVisit.Unasked(request, now);
            unasked.Record(by, visitors, outcome, note, now);
            db.Add(unasked);
            return;
        }
        var mine = due.Where(v => visitors.MayMake(v, by)).ToList();
        // None of them is the caller's: recording the first one throws the entity's own refusal (accused, or not theirs).
        foreach (var visit in mine.Count > 0 ? mine : due.OrderByDescending(v => visitors.IsAccused(v, by)).Take(1))
        {
            visit.Record(by, visitors, outcome, note, now);
        }
    }

    private Task<List<ReturnVisit>> DueAsync(ServiceRequest request, CancellationToken ct) =>
        db.Set<ReturnVisit>().Where(v => v.RequestId == request.Id && v.Status == ReturnVisitStatus.Due).OrderBy(v => v.OpenedAt).ThenBy(v => v.Id).ToListAsync(ct);
}
