namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>
/// The steps the request page offers the person looking, given the request's state. The request's own methods
/// still decide (a stale page gets a message, not a wrong change); this only keeps buttons off that would fail.
/// A new step is a name here, a block in _Actions.cshtml and a handler on the request page.
/// </summary>
public static class StepOffers
{
    public const string Acknowledge = "acknowledge";
    public const string Arrive = "arrive";
    public const string Complete = "complete";
    public const string Confirm = "confirm";

    public static IReadOnlyList<string> For(ServiceRequest r, Guid me)
    {
        var onIt = me == r.HandlerId || me == r.FirstContactOwnerId || r.CoOwners.Contains(me);
        var confirms = r.RequesterId is { } requester ? me == requester : me == r.FirstContactOwnerId;
        List<string> offers = [];
        if (onIt)
        {
            offers.AddRange(
                r.Status switch
                {
                    RequestStatus.Submitted => [Acknowledge],
                    RequestStatus.Acknowledged => [Arrive],
                    RequestStatus.OnSite => [Complete],
                    _ => [],
                }
            );
        }
        if (confirms && r.Status == RequestStatus.Completed)
        {
            offers.Add(Confirm);
        }
        return offers;
    }
}
