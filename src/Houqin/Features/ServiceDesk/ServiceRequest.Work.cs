namespace Houqin.Features.ServiceDesk;

/// <summary>The work itself: pausing, extensions of the resolve commitment (延期申请), reopening and confirmation.</summary>
public sealed partial class ServiceRequest
{
    public string? PauseReason { get; private set; }

    /// <summary>A pending extension: the later resolve instant asked for, until the team leader (or above) rules.</summary>
    public DateTime? ExtensionAskedFor { get; private set; }

    public string? ExtensionReason { get; private set; }

    /// <summary>Who asked for the pending extension: never the one who rules on it (four eyes, 责任追究制).</summary>
    public Guid? ExtensionAskedById { get; private set; }

    /// <summary>Waiting for the requester or for parts. The resolve commitment keeps running: ask for an extension.</summary>
    public void Pause(Guid by, string reason)
    {
        RequireStaffOnIt(by);
        var why = RequireReason(reason);
        Move(RequestStatus.OnSite, RequestStatus.Paused);
        PauseReason = why;
    }

    public void Resume(Guid by)
    {
        RequireStaffOnIt(by);
        Move(RequestStatus.Paused, RequestStatus.OnSite);
        PauseReason = null;
    }

    /// <summary>The API's code for an extension to an instant not after the current resolve commitment (422 on <c>resolveBy</c>).</summary>
    public const string ExtensionNotLater = "extension_not_later";

    /// <summary>The API's code for an extension past the policy's longest (422 on <c>resolveBy</c>, ADR 0031).</summary>
    public const string ExtensionTooFar = "extension_too_far";

    /// <summary>
    /// Asked before the resolve commitment falls due, for a later instant, with a reason. No later than
    /// <paramref name="latest"/> (the policy's working days past the current commitment): an extension moves the
    /// commitment, it never removes it.
    /// </summary>
    public void AskExtension(Guid by, DateTime resolveBy, string reason, DateTime now, DateTime latest)
    {
        RequireStaffOnIt(by);
        RequireOpen();
        if (now >= ResolveBy)
        {
            throw new RequestRuleException(RequestRuleException.ExtensionTooLate, "An extension must be asked for before the resolve commitment falls due.");
        }
        if (ExtensionAskedFor is not null)
        {
            throw new RequestRuleException(RequestRuleException.ExtensionPending, "An extension is already waiting for a ruling.");
        }
        if (resolveBy <= ResolveBy)
        {
            throw new InvalidFieldException("resolveBy", "The new resolve instant must be later than the current one.", ExtensionNotLater);
        }
        if (resolveBy > latest)
        {
            throw new InvalidFieldException("resolveBy", $"An extension reaches at most {latest:O} (the policy's working days past the current resolve instant).", ExtensionTooFar);
        }
        var why = RequireReason(reason);
        (ExtensionAskedFor, ExtensionReason, ExtensionAskedById) = (resolveBy, why, by);
        Touch();
    }

    /// <summary>The team leader (or the deputy director or director) approves: the resolve commitment moves.</summary>
    public void ApproveExtension(Guid by, OfficeChain chain)
    {
        var to = RequirePendingExtension(by, chain);
        ResolveBy = to;
        if (LadderWaitingFor == LadderCause.Resolution)
        {
            LadderWaitingFor = LadderCause.None;
        }
    }

    public void RejectExtension(Guid by, OfficeChain chain) => _ = RequirePendingExtension(by, chain);

    private DateTime RequirePendingExtension(Guid by, OfficeChain chain)
    {
        if (!chain.MayApprove(by))
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the team leader, the deputy director or the director rules on an extension.");
        }
        RequireOpen();
        var to = ExtensionAskedFor ?? throw new RequestRuleException(RequestRuleException.NoExtensionPending, "No extension is waiting for a ruling.");
        if (by == ExtensionAskedById)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Whoever asked for an extension does not rule on it; the next one up the chain does.");
        }
        (ExtensionAskedFor, ExtensionReason, ExtensionAskedById) = (null, null, null);
        Touch();
        return to;
    }

    /// <summary>The requester says it is not done: it reopens on site with its handler, and the reopening is counted.</summary>
    public void RejectCompletion(Guid by, string reason, DateTime now)
    {
        RequireRequester(by, "Only the requester rejects the completion.");
        _ = RequireReason(reason);
        Move(RequestStatus.Completed, RequestStatus.OnSite);
        Reopened++;
        CompletedAt = null;
        if (now >= ResolveBy)
        {
            Overdue = true;
        }
    }

    /// <summary>The requester did not answer within the policy's days: the completion confirms itself, marked as auto.</summary>
    public void AutoConfirm(DateTime now)
    {
        Move(RequestStatus.Completed, RequestStatus.Confirmed);
        (ConfirmedAt, AutoConfirmed) = (now, true);
    }
}
