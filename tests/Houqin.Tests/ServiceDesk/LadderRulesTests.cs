using Houqin.Features.ServiceDesk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>The ladder's own rules on the request, without a database.</summary>
public class LadderRulesTests
{
    private static readonly DateTime Now = RequestRulesTests.Now;
    private static readonly Guid Staff = RequestRulesTests.Staff;

    private static ServiceRequest Logged() => RequestRulesTests.LoggedCall();

    [Fact]
    public void A_team_without_a_leader_climbs_straight_to_its_deputy_director_and_the_ladder_ends_at_the_director()
    {
        var (deputy, director) = (Guid.NewGuid(), Guid.NewGuid());
        var chain = new OfficeChain(null, deputy, director);
        var r = Logged();

        Assert.Equal(deputy, r.Climb(chain, LadderCause.Acknowledgement));
        Assert.Equal(2, r.EscalationLevel);
        Assert.Equal(director, r.Climb(chain, LadderCause.Resolution));
        Assert.Equal(LadderCause.Resolution, r.LadderWaitingFor);
        Assert.Null(r.Climb(chain, LadderCause.Acknowledgement));
        Assert.Equal(3, r.EscalationLevel);
        Assert.Equal([deputy, director], r.CoOwners);
        // The strongest cause stays: a later, weaker one does not lower what the ladder waits for.
        Assert.Equal(LadderCause.Resolution, r.LadderWaitingFor);

        var e = Assert.Throws<RequestRuleException>(() => r.EscalateByHand(Staff, "再升", chain));
        Assert.Equal(RequestRuleException.LadderTop, e.Code);
    }

    [Fact]
    public void Acknowledging_settles_a_ladder_waiting_for_acknowledgement_but_not_one_waiting_for_resolution()
    {
        var chain = new OfficeChain(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var waitingForAck = Logged();
        waitingForAck.Climb(chain, LadderCause.Acknowledgement);
        waitingForAck.Acknowledge(Staff, Now);
        Assert.Equal(LadderCause.None, waitingForAck.LadderWaitingFor);

        var waitingForResolution = Logged();
        waitingForResolution.Climb(chain, LadderCause.Resolution);
        waitingForResolution.Acknowledge(Staff, Now);
        Assert.Equal(LadderCause.Resolution, waitingForResolution.LadderWaitingFor);
    }

    [Fact]
    public void A_rung_held_by_the_handler_is_passed_and_the_top_held_by_the_handler_is_reached_without_adding_him()
    {
        var deputy = Guid.NewGuid();
        var leaderHandles = Logged();
        Assert.Equal(deputy, leaderHandles.Climb(new OfficeChain(Staff, deputy, Guid.NewGuid()), LadderCause.Acknowledgement));
        Assert.Equal(2, leaderHandles.EscalationLevel);
        Assert.Equal([deputy], leaderHandles.CoOwners);

        // The director handles it himself: the last climb reaches his rung (the matter is with the director) and adds nobody.
        var directorHandles = Logged();
        var chain = new OfficeChain(null, deputy, Staff);
        Assert.Equal(deputy, directorHandles.Climb(chain, LadderCause.Resolution));
        Assert.Equal(Staff, directorHandles.Climb(chain, LadderCause.Resolution));
        Assert.Equal(3, directorHandles.EscalationLevel);
        Assert.Equal([deputy], directorHandles.CoOwners);
        Assert.Null(directorHandles.Climb(chain, LadderCause.Resolution));
    }
}
