namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// The steps the request page offers the person looking, given the request's state. The request's own methods
/// still decide (a stale page gets a message, not a wrong change); this only keeps buttons off that would fail.
/// A new step is a name here, a block in _Actions.cshtml and a handler on the request page.
/// </summary>
public static class StepOffers
{
    public const string Acknowledge = "acknowledge";
    public const string HandOff = "handoff";
    public const string AcceptHandOff = "accept-handoff";
    public const string DeclineHandOff = "decline-handoff";
    public const string Escalate = "escalate";
    public const string Arrive = "arrive";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Extension = "extension";
    public const string RuleExtension = "rule-extension";
    public const string Complete = "complete";
    public const string Refer = "refer";
    public const string ReferralHelped = "referral-helped";
    public const string Confirm = "confirm";
    public const string RejectCompletion = "reject-completion";
    public const string Rate = "rate";
    public const string Complain = "complain";

    /// <param name="r">The request.</param>
    /// <param name="me">The person looking.</param>
    /// <param name="rulesExtensions">Whether they may rule on the pending extension: its team's leader or above (<see cref="OfficeChain.MayApprove"/>).</param>
    /// <param name="rated">Whether the requester has rated it (a default rating does not count).</param>
    public static IReadOnlyList<string> For(ServiceRequest r, Guid me, bool rulesExtensions, bool rated)
    {
        List<string> offers = [];
        if (r.Status == RequestStatus.HandedOff && r.HandOffToId == me)
        {
            offers.AddRange([AcceptHandOff, DeclineHandOff]);
        }
        if (r.IsStaffOnIt(me) && r.IsOpen)
        {
            offers.AddRange(
                r.Status switch
                {
                    RequestStatus.Submitted => [Acknowledge, HandOff],
                    RequestStatus.Acknowledged => [Arrive, HandOff],
                    RequestStatus.OnSite => [Complete, Pause, HandOff],
                    RequestStatus.Paused => [Resume, HandOff],
                    _ => [],
                }
            );
            if (r.ExtensionAskedFor is null)
            {
                offers.Add(Extension);
            }
            if (r.EscalationLevel < 3)
            {
                offers.Add(Escalate);
            }
            if (me == r.FirstContactOwnerId)
            {
                offers.Add(Refer);
            }
        }
        if (r.ExtensionAskedFor is not null && r.IsOpen && rulesExtensions && r.ExtensionAskedById != me)
        {
            offers.Add(RuleExtension);
        }
        // The owner, or a co-owner the follow-up's ladder brought in who called the requester themself.
        if (r.AwaitsReferralFollowUp && (me == r.FirstContactOwnerId || r.CoOwners.Contains(me)))
        {
            offers.Add(ReferralHelped);
        }
        if (r.SpeaksForRequester(me) && r.Status == RequestStatus.Completed)
        {
            offers.AddRange([Confirm, RejectCompletion]);
        }
        if (me == r.RequesterId && r.Status == RequestStatus.Confirmed && !rated)
        {
            offers.Add(Rate);
        }
        // From submission on: "不是我负责" is said before anyone takes the request on.
        if (me == r.RequesterId)
        {
            offers.Add(Complain);
        }
        return offers;
    }
}
