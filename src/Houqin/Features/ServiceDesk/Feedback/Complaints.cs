using Houqin.Infrastructure.Policies;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.Accountability;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>Files complaints: finds the person complained about, routes the complaint up their team's chain, and sets its answer deadline.</summary>
public sealed class Complaints(
    AppDbContext db,
    Deadlines deadlines,
    CalendarCache calendars,
    ReturnVisits visits,
    FeedbackNotices notices,
    Policies policies,
    AuditLog audit,
    CaseIntake cases,
    TimeProvider clock
)
{
    /// <summary>
    /// The person it went to (or the director, unless it is about them) answers in writing, for the API and the request page alike:
    /// the answer deadline goes, the complainant is told, an upheld complaint opens an accountability case, all in
    /// one unit of work. The complaint when saved; otherwise why not (not found for someone who may not read it).
    /// </summary>
    public async Task<(Complaint? Answered, StepOutcome Outcome)> AnswerAsync(Guid id, ComplaintReader reader, bool byDirector, string? answer, bool? upheld, CancellationToken ct)
    {
        var complaint = await db.Set<Complaint>().Where(c => c.Id == id).Where(reader.Visible()).SingleOrDefaultAsync(ct);
        if (complaint is null)
        {
            return (null, StepOutcome.NotFound with { Message = "No such complaint" });
        }
        try
        {
            complaint.AnswerInWriting(reader.UserId, byDirector, answer ?? "", clock.GetUtcNow().UtcDateTime, upheld);
        }
        catch (RequestRuleException e)
        {
            db.ChangeTracker.Clear();
            return (null, StepOutcome.Refused(e));
        }
        catch (InvalidFieldException e)
        {
            db.ChangeTracker.Clear();
            return (null, StepOutcome.Invalid(e.Field, e.Message, e.Code));
        }
        await deadlines.CancelAsync(Complaint.AnswerDueKind, complaint.Id, ct);
        audit.Record("complaint.answered", FeedbackNotices.ComplaintSubject, complaint.Id, new { complaint.Number, complaint.Upheld }, complaint.Answer);
        notices.TellAboutComplaint([complaint.ComplainantId], "complaint.answered", complaint);
        if (complaint.Upheld == true)
        {
            await cases.FromComplaintAsync(complaint, reader.UserId, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, StepOutcome.ConcurrentChange with { Message = "Someone else changed this complaint; reload it and try again." });
        }
        return (complaint, StepOutcome.Saved);
    }

    /// <summary>The requester complains (a step of <see cref="RequestSteps"/>); the complaint also calls for a return visit.</summary>
    public async Task<Complaint> FileAsync(ServiceRequest request, Guid by, ComplaintKind kind, string staffUserName, string text, bool shareIdentity, DateTime now, CancellationToken ct)
    {
        // Checked first so nobody else learns, by trying names, who works in the office.
        if (request.RequesterId != by)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the requester complains about the service on their request.");
        }
        var staffId = await OrganisationQueries.ActiveOfficeStaffAsync(db, staffUserName, ct) ?? throw new InvalidFieldException("staffUserName", "No member of the office's staff has that user name.");
        // The team the person works in now (the request's team when they work in several); the team they lead otherwise.
        var teamId = await OrganisationQueries.WorkingTeamAsync(db, staffId, request.TeamId, now, orLed: true, ct);
        var deputy = teamId is { } t ? await db.Set<Team>().Where(x => x.Id == t).Select(x => x.DeputyDirectorId).SingleAsync(ct) : null;
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct) ?? throw new InvalidOperationException("The office has no director.");
        // Nobody answers a complaint about themselves: one about the deputy goes to the director, one about the
        // director to the auditor (纪检), who stands outside the office's chain (ADR 0030).
        var responsible = deputy is { } d && d != staffId ? d
            : director != staffId ? director
            : await AuditorAsync(ct) ?? throw new RequestRuleException(Complaint.NoAnswerer, "Nobody outside the office's chain (an auditor) is there to answer a complaint about the director.");
        var answerBy = Complaint.AnswerDue(now, (await policies.DeskAsync(ct)).ComplaintAnswerWorkingDays, await calendars.GetAsync(ct));

        var complaint = Complaint.File(request, by, kind, staffId, teamId, responsible, text, shareIdentity, answerBy, now);
        db.Add(complaint);
        deadlines.Schedule(Complaint.AnswerDueKind, complaint.Id, answerBy);
        notices.TellAboutComplaint([responsible], "complaint.filed", complaint);
        visits.OpenForComplaint(request, complaint, now);
        return complaint;
    }

    /// <summary>The auditor who receives complaints about the director: the first active one by user name, so it is always the same person.</summary>
    private Task<Guid?> AuditorAsync(CancellationToken ct) =>
        (
            from u in db.Users
            where !u.Disabled
            where (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id && r.Name == Roles.Auditor select ur).Any()
            orderby u.UserName
            select (Guid?)u.Id
        ).FirstOrDefaultAsync(ct);
}

/// <summary>A complaint not answered in time is flagged overdue; whoever must answer it and the director are told (not the director it is about).</summary>
internal sealed class ComplaintAnswerDue(AppDbContext db, AuditLog audit, FeedbackNotices notices) : IDeadlineHandler
{
    public string Kind => Complaint.AnswerDueKind;

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        var complaint = await db.Set<Complaint>().SingleOrDefaultAsync(c => c.Id == deadline.SubjectId, ct);
        if (complaint is null || !complaint.FlagOverdue())
        {
            return;
        }
        audit.RecordAs(CurrentActor.System, "complaint.answer_overdue", FeedbackNotices.ComplaintSubject, complaint.Id, new { complaint.Number, complaint.AnswerBy });
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        notices.TellAboutComplaint(director is { } d && d != complaint.StaffId ? [d, complaint.ResponsibleId] : [complaint.ResponsibleId], "complaint.answer_overdue", complaint);
    }
}
