using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Calendar;
using Houqin.Tests.Calendar;

namespace Houqin.Tests.ServiceDesk.Feedback;

/// <summary>The feedback entities' own rules, without a database.</summary>
public class FeedbackRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Requester = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();

    private static ServiceRequest Completed()
    {
        var category = new ServiceCategory("water", "水", "water-duty", null, 0);
        var due = new ServiceCommitment(Urgency.Normal, Target.Working(30), Target.Working(450), Target.Working(1350)).DueFrom(Now, new WorkingCalendar([], [2026]), WorkingPlace.Office);
        var r = ServiceRequest.Submit(new RequestNumber(2026, 9), Requester, Guid.NewGuid(), category, Guid.NewGuid(), "漏水", Urgency.Normal, Owner, due, Now);
        r.Acknowledge(Owner, Now);
        r.ArriveOnSite(Owner, Now);
        r.Complete(Owner, "更换", "好了", [], Now);
        return r;
    }

    [Fact]
    public void Answer_days_skip_the_national_holiday_and_count_the_make_up_saturday()
    {
        var calendar = ShippedCalendar.Build();
        // Wednesday 9-30: 10-1..10-7 are off; 10-8, 10-9, Saturday 10-10 (调休), 10-12 and 10-13 are the five days.
        var due = Complaint.AnswerDue(ShippedCalendar.At(2026, 9, 30, 16, 0), 5, calendar);
        Assert.Equal(ShippedCalendar.At(2026, 10, 14, 0, 0), due);
        // Filed late on a working day, the day itself still does not count.
        Assert.Equal(ShippedCalendar.At(2026, 12, 9, 0, 0), Complaint.AnswerDue(ShippedCalendar.At(2026, 12, 4, 23, 59), 2, calendar));
    }

    [Fact]
    public void An_unreachable_requester_keeps_the_visit_due_and_only_the_chain_records_it()
    {
        var (request, requester, owner) = (Completed(), Requester, Owner);
        var visit = ReturnVisit.Open(request, ReturnVisitReason.LowRating, null, request.CreatedAt);
        var chain = new ReturnVisitors(owner, null, null, null);

        var refused = Assert.Throws<RequestRuleException>(() => visit.Record(requester, chain, ReturnVisitOutcome.Satisfied, null, request.CreatedAt));
        Assert.Equal(RequestRuleException.NotYours, refused.Code);
        visit.Record(owner, chain, ReturnVisitOutcome.Unreachable, null, request.CreatedAt);
        visit.Record(owner, chain, ReturnVisitOutcome.Unreachable, null, request.CreatedAt);
        Assert.Equal((ReturnVisitStatus.Due, 2), (visit.Status, visit.UnreachableAttempts));
        visit.Record(owner, chain, ReturnVisitOutcome.Unsatisfied, "仍不满意", request.CreatedAt);
        Assert.Equal((ReturnVisitStatus.Done, ReturnVisitOutcome.Unsatisfied), (visit.Status, visit.Outcome));
        Assert.Throws<RequestRuleException>(() => visit.Record(owner, chain, ReturnVisitOutcome.Satisfied, null, request.CreatedAt));
    }

    [Fact]
    public void A_default_rating_has_no_scores_and_only_a_confirmed_request_gets_one()
    {
        var (request, requester) = (Completed(), Requester);
        Assert.Equal(RequestRuleException.InvalidState, Assert.Throws<RequestRuleException>(() => Rating.Default(request, Now)).Code);
        request.Confirm(requester, Now);
        var rating = Rating.Default(request, request.CreatedAt);
        Assert.True(rating.IsDefault);
        Assert.Null(rating.Scores);

        rating.ReplaceDefault(request, requester, new Scores(5, 4, 3, 2), null, request.CreatedAt);
        Assert.False(rating.IsDefault);
        Assert.Equal(2, rating.Scores!.Value.Worst);
        Assert.Equal(Rating.AlreadyRated, Assert.Throws<RequestRuleException>(() => rating.ReplaceDefault(request, requester, new Scores(5, 5, 5, 5), null, request.CreatedAt)).Code);
    }
}
