using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Calendar;

namespace Houqin.Tests.ServiceDesk;

/// <summary>The request's own rules, without a database.</summary>
public class RequestRulesTests
{
    internal static readonly DateTime Now = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);
    internal static readonly Guid Staff = Guid.CreateVersion7();

    internal static ServiceRequest LoggedCall()
    {
        var category = new ServiceCategory("water", "水", "water-duty", null, 0);
        var due = new ServiceCommitment(Urgency.Urgent, Target.Always(30), Target.Always(120), Target.Always(1440)).DueFrom(Now, new WorkingCalendar([], [2026]), WorkingPlace.Office);
        return ServiceRequest.Log(new RequestNumber(2026, 7), Staff, Channel.Phone, "赵老师", "138 0000 1111", Guid.NewGuid(), category, Guid.NewGuid(), "漏水", Urgency.Urgent, Staff, due, Now);
    }

    [Fact]
    public void A_logged_call_is_confirmed_by_its_owner_who_called_the_caller_back()
    {
        var r = LoggedCall();
        Assert.Equal("HQ-2026-000007", r.Number);
        Assert.Equal(Now.AddMinutes(120), r.ArriveBy);
        Assert.Null(r.RequesterId);
        r.Acknowledge(Staff, Now);
        r.ArriveOnSite(Staff, Now);
        r.Complete(Staff, "更换", "好了", [" 阀门 ", ""], Now);
        Assert.Equal(["阀门"], r.Materials);

        var other = Assert.Throws<RequestRuleException>(() => r.Confirm(Guid.NewGuid(), Now));
        Assert.Equal(RequestRuleException.NotYours, other.Code);
        r.Confirm(Staff, Now);
        Assert.Equal(RequestStatus.Confirmed, r.Status);
    }

    [Fact]
    public void Steps_out_of_order_leave_the_request_unchanged()
    {
        var r = LoggedCall();
        var version = r.Version;
        var e = Assert.Throws<RequestRuleException>(() => r.Complete(Staff, "m", "r", [], Now));
        Assert.Equal(RequestRuleException.InvalidState, e.Code);
        Assert.Equal(RequestStatus.Submitted, r.Status);
        Assert.Null(r.CompletionMethod);
        Assert.Equal(version, r.Version);
    }

    [Fact]
    public void A_category_has_two_levels_at_most()
    {
        var top = new ServiceCategory("a", "a", "p", null, 0);
        var sub = new ServiceCategory("b", "b", "p", top, 1);
        Assert.Throws<ArgumentException>(() => new ServiceCategory("c", "c", "p", sub, 2));
    }
}
