using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Features.ServiceDesk.Search;
using Houqin.Infrastructure.Calendar;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>The steps of a request, as <see cref="Intake"/> and <see cref="RequestActions"/> take them, minus the notices.</summary>
internal sealed partial class HistoryRun
{

    private readonly Dictionary<Guid, List<ReturnVisit>> visits = [];

    private readonly Dictionary<Guid, ComplaintParties> complaintParties = [];

    /// <summary>Plans the request's creation; it is numbered when the history reaches it, so numbers follow time.</summary>
    public void Create(HistoryCase c)
    {
        // The handler it is made with, read now: the story planned after this moves c.Handler on to later steps' people.
        var first = c.Handler;
        At(c.Created, async () =>
        {
            Cases.Add(c);
            var number = await RequestNumbers.NextAsync(db, WorkingCalendar.LocalDate(c.Created).Year, default);
            var owner = Id(c.Owner);
            var r = c.Requester is { } requester
                ? ServiceRequest.Submit(number, Id(requester), c.Room.Id, c.Category, c.Team.Id, c.Description, c.Urgency, owner, c.Due, c.Created)
                : ServiceRequest.Log(number, owner, c.Channel, c.CallerName!, c.CallerPhone!, c.Room.Id, c.Category, c.Team.Id, c.Description, c.Urgency, Id(first), c.Due, c.Created);
            c.Request = r;
            db.Add(r);
            Schedule(c, RequestTimers.Acknowledge, r.AcknowledgeBy);
            Schedule(c, RequestTimers.Arrive, r.ArriveBy);
            Schedule(c, RequestTimers.Resolve, r.ResolveBy);
            if (c.Requester is not null)
            {
                Record(c.Requester, "service_request.submitted", r, new { r.Number, category = c.Category.Code, room = c.Room.Code, urgency = c.Urgency.ToString(), channel = c.Channel.ToString(), owner });
                return;
            }
            var handler = r.HandlerId;
            Record(
                c.Owner,
                "service_request.logged",
                r,
                new { r.Number, category = c.Category.Code, room = c.Room.Code, urgency = c.Urgency.ToString(), channel = c.Channel.ToString(), owner, handler },
                r.CallerName
            );
            var handlerName = Organisation.DemoCampus.Accounts.First(a => a.UserName == first).DisplayName;
            Record(CurrentActor.System, "service_request.routed", r, new { r.Number, post = c.Team.Post, handler, keptByLogger = handler == owner }, handlerName);
        });
    }

    /// <summary>The search entries, written once for each request's final state.</summary>
    public async Task IndexAsync(CancellationToken ct)
    {
        foreach (var c in Cases)
        {
            await RequestSearch.IndexAsync(db, c.R, ct);
        }
    }

    public void Acknowledge(HistoryCase c, DateTime at, string by) =>
        At(at, c, () =>
        {
            c.R.Acknowledge(Id(by), clock.Now);
            Record(by, "service_request.acknowledged", c.R);
        });

    public void HandOff(HistoryCase c, DateTime at, string by, string to, string reason, string? toPostCode = null) =>
        At(at, c, () =>
        {
            var r = c.R;
            var acceptBy = Due(c, Policy.HandOffAcceptanceFor(r.Urgency));
            // The demo hands off within the team (to its own workers): the request stays the team's.
            r.HandOff(Id(by), Id(to), null, reason, acceptBy, "toUserName");
            Cancel(r.Id, RequestTimers.HandOff);
            Schedule(c, RequestTimers.HandOff, acceptBy);
            Record(by, "service_request.handed_off", r, new { r.Number, status = r.Status.ToString(), to, acceptBy = r.HandOffDueAt, toPostCode }, r.HandOffReason);
        });

    public void Accept(HistoryCase c, DateTime at, string by) =>
        At(at, c, () =>
        {
            c.R.AcceptHandOff(Id(by), clock.Now);
            Record(by, "service_request.handoff_accepted", c.R);
        });

    public void Decline(HistoryCase c, DateTime at, string by, string reason) =>
        At(at, c, () =>
        {
            var r = c.R;
            r.DeclineHandOff(Id(by), reason);
            Record(by, "service_request.handoff_declined", r, new { r.Number, status = r.Status.ToString(), bounces = r.Bounces }, reason);
        });

    public void EscalateByHand(HistoryCase c, DateTime at, string by, string reason) =>
        At(at, c, () =>
        {
            var r = c.R;
            _ = r.EscalateByHand(Id(by), reason, c.Team.Chain);
            RestartRung(c);
            Record(by, "service_request.escalated", r, new { r.Number, status = r.Status.ToString(), level = r.EscalationLevel, byHand = true }, reason);
        });

    public void Arrive(HistoryCase c, DateTime at, string by) =>
        At(at, c, () =>
        {
            c.R.ArriveOnSite(Id(by), clock.Now);
            Record(by, "service_request.arrived", c.R);
        });

    public void Pause(HistoryCase c, DateTime at, string by, string reason) =>
        At(at, c, () =>
        {
            c.R.Pause(Id(by), reason);
            Record(by, "service_request.paused", c.R, reason: reason);
        });

    public void Resume(HistoryCase c, DateTime at, string by) =>
        At(at, c, () =>
        {
            c.R.Resume(Id(by));
            Record(by, "service_request.resumed", c.R);
        });

    public void AskExtension(HistoryCase c, DateTime at, string by, DateTime resolveBy, string reason) =>
        At(at, c, () =>
        {
            var r = c.R;
            r.AskExtension(Id(by), resolveBy, reason, clock.Now, calendar.EndOfWorkingDaysAfter(r.ResolveBy, Policy.ExtensionAtMostWorkingDays));
            Record(by, "service_request.extension_requested", r, new { r.Number, status = r.Status.ToString(), resolveBy = r.ExtensionAskedFor }, reason);
        });

    public void ApproveExtension(HistoryCase c, DateTime at, string by) =>
        At(at, c, () =>
        {
            var r = c.R;
            r.ApproveExtension(Id(by), c.Team.Chain);
            Cancel(r.Id, RequestTimers.Resolve);
            Schedule(c, RequestTimers.Resolve, r.ResolveBy);
            Record(by, "service_request.extension_approved", r, new { r.Number, status = r.Status.ToString(), resolveBy = r.ResolveBy });
        });

    public void Complete(HistoryCase c, DateTime at, string by, string method, string result, IReadOnlyList<string> materials) =>
        At(at, c, () =>
        {
            c.R.Complete(Id(by), method, result, materials, clock.Now);
            Schedule(c, RequestTimers.AutoConfirm, clock.Now + Policy.AutoConfirmAfter);
            Record(by, "service_request.completed", c.R, reason: result);
        });

    /// <summary>The requester confirms; for a caller without an account, the owner who called them back.</summary>
    public void Confirm(HistoryCase c, DateTime at) =>
        At(at, c, () =>
        {
            var by = c.Requester ?? c.Owner;
            c.R.Confirm(Id(by), clock.Now);
            Record(by, "service_request.confirmed", c.R);
            // As Ratings.ConfirmedAsync: a caller without an account never rates, so their window closes at once.
            Schedule(c, RequestTimers.DefaultRating, c.Requester is null ? clock.Now : clock.Now + Policy.RatingWindow);
        });

    public void RejectCompletion(HistoryCase c, DateTime at, string reason) =>
        At(at, c, () =>
        {
            var r = c.R;
            var by = c.Requester ?? c.Owner;
            r.RejectCompletion(Id(by), reason, clock.Now);
            if (r.ResolveBy > clock.Now)
            {
                Schedule(c, RequestTimers.Resolve, r.ResolveBy);
            }
            Record(by, "service_request.completion_rejected", r, new { r.Number, status = r.Status.ToString(), reopened = r.Reopened }, reason);
        });

    public void Refer(HistoryCase c, DateTime at, string referredTo, string reason) =>
        At(at, c, () =>
        {
            var r = c.R;
            r.Refer(Id(c.Owner), referredTo, reason, clock.Now, calendar.EndOfWorkingDaysAfter(clock.Now, Policy.ReferralFollowUpWorkingDays));
            Schedule(c, RequestTimers.ReferralFollowUp, r.ReferralFollowUpBy!.Value);
            Record(
                c.Owner,
                "service_request.referred",
                r,
                new { r.Number, status = r.Status.ToString(), r.ReferredTo, reason = r.ReferralReason, followUpBy = r.ReferralFollowUpBy },
                referredTo
            );
        });

    public void ReferralHelped(HistoryCase c, DateTime at) =>
        At(at, c, () =>
        {
            c.R.RecordReferralHelped(Id(c.Owner), clock.Now);
            Record(c.Owner, "service_request.referral_helped", c.R);
        });

    /// <summary>The requester's rating; a low one calls for a return visit, as <see cref="Ratings.RateAsync"/> has it.</summary>
    public void Rate(HistoryCase c, DateTime at, Scores scores, string? comment) =>
        At(at, c, () =>
        {
            var r = c.R;
            db.Add(Rating.Give(r, Id(c.Requester!), scores, comment, clock.Now));
            Cancel(r.Id, RequestTimers.DefaultRating);
            if (scores.Worst <= Policy.ReturnVisitAtOrBelowRating)
            {
                OpenVisit(r, ReturnVisitReason.LowRating, null);
            }
            Record(c.Requester!, "service_request.rated", r, reason: comment);
        });

    public void SelfEvaluate(HistoryCase c, DateTime at, Scores scores) =>
        At(at, c, () =>
        {
            db.Add(SelfEvaluation.Evaluate(c.R, Id(c.Handler), scores, null, clock.Now));
            Record(c.Handler, "service_request.self_evaluated", c.R);
        });

    /// <summary>One call answers every visit due on the request that is the caller's to make, as <see cref="ReturnVisits.RecordAsync"/> does.</summary>
    public void Visit(HistoryCase c, DateTime at, string by, ReturnVisitOutcome outcome, string note) =>
        At(at, c, () =>
        {
            var r = c.R;
            var visitors = new ReturnVisitors(r.FirstContactOwnerId, c.Team.Chain.TeamLeaderId, c.Team.Chain.DeputyDirectorId, c.Team.Chain.DirectorId)
            {
                Complaints = complaintParties,
            };
            var due = visits.GetValueOrDefault(r.Id, []).Where(v => v.Status == ReturnVisitStatus.Due).ToList();
            if (due.Count == 0)
            {
                var unasked = ReturnVisit.Unasked(r, clock.Now);
                unasked.Record(Id(by), visitors, outcome, note, clock.Now);
                db.Add(unasked);
            }
            var mine = due.Where(v => visitors.MayMake(v, Id(by))).ToList();
            foreach (var visit in mine.Count > 0 ? mine : due)
            {
                visit.Record(Id(by), visitors, outcome, note, clock.Now);
            }
            Record(by, "service_request.return_visit_recorded", r, reason: note);
        });

    /// <summary>The requester complains about a named member of staff; it goes to the deputy director over their team.</summary>
    public void Complain(HistoryCase c, DateTime at, ComplaintKind kind, string staff, string text, Action<Complaint> filed) =>
        At(at, c, () =>
        {
            var r = c.R;
            var responsible = c.Team.Chain.DeputyDirectorId is { } d && d != Id(staff) ? d : c.Team.Chain.DirectorId!.Value;
            var answerBy = Complaint.AnswerDue(clock.Now, Policy.ComplaintAnswerWorkingDays, calendar);
            var complaint = Complaint.File(r, Id(c.Requester!), kind, Id(staff), c.Team.Id, responsible, text, false, answerBy, clock.Now);
            db.Add(complaint);
            complaintParties[complaint.Id] = new ComplaintParties(complaint.StaffId, complaint.ResponsibleId);
            Schedule(complaint.Id, Complaint.AnswerDueKind, answerBy, () => ComplaintOverdue(complaint));
            OpenVisit(r, ReturnVisitReason.Complaint, complaint.Id);
            Record(c.Requester!, Complaint.Filed, r);
            filed(complaint);
        });

    public void Answer(Func<Complaint?> complaint, DateTime at, string by, string answer, bool? upheld = null) =>
        At(at, () =>
        {
            if (complaint() is not { } k)
            {
                return;
            }
            k.AnswerInWriting(Id(by), false, answer, clock.Now, upheld);
            Cancel(k.Id, Complaint.AnswerDueKind);
            audit.RecordAs(by, "complaint.answered", FeedbackNotices.ComplaintSubject, k.Id, new { k.Number }, k.Answer);
        });

    private Task ComplaintOverdue(Complaint complaint)
    {
        if (complaint.FlagOverdue())
        {
            audit.RecordAs(CurrentActor.System, "complaint.answer_overdue", FeedbackNotices.ComplaintSubject, complaint.Id, new { complaint.Number, complaint.AnswerBy });
        }
        return Task.CompletedTask;
    }

    private void OpenVisit(ServiceRequest r, ReturnVisitReason reason, Guid? complaintId)
    {
        var visit = ReturnVisit.Open(r, reason, complaintId, clock.Now);
        db.Add(visit);
        if (!visits.TryGetValue(r.Id, out var list))
        {
            visits[r.Id] = list = [];
        }
        list.Add(visit);
    }
}
