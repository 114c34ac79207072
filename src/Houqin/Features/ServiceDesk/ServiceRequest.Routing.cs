namespace Houqin.Features.ServiceDesk;

/// <summary>
/// What the escalation ladder is waiting for: the rung added last must see this happen within its time, or the
/// request climbs again. Ordered by how much they demand: a resolution implies the acknowledgement and any hand-off.
/// </summary>
public enum LadderCause
{
    None,
    Acknowledgement,
    HandOffAcceptance,
    Resolution,

    /// <summary>
    /// A referred request's follow-up: the owner has not recorded that the requester was helped where they were sent.
    /// Only a referred request waits for it (a referral settles every other cause), and only that record settles it.
    /// </summary>
    ReferralFollowUp,
}

/// <summary>The people above a team, rung by rung: 1 its leader (组长), 2 its deputy director (分管主任), 3 the director (主任).</summary>
public sealed record OfficeChain(Guid? TeamLeaderId, Guid? DeputyDirectorId, Guid? DirectorId)
{
    public const int TopLevel = 3;

    public Guid? At(int level) =>
        level switch
        {
            1 => TeamLeaderId,
            2 => DeputyDirectorId,
            3 => DirectorId,
            _ => null,
        };

    /// <summary>Who may rule on an extension: the team's leader or anyone above.</summary>
    public bool MayApprove(Guid userId) => userId == TeamLeaderId || userId == DeputyDirectorId || userId == DirectorId;

    /// <summary>Who is asked to rule on an extension: the lowest rung that is not the person asking.</summary>
    public Guid? RulerFor(Guid asker) => Enumerable.Range(1, TopLevel).Select(At).FirstOrDefault(p => p is not null && p != asker);
}

/// <summary>No refusal (首问负责): hand-offs that must be accepted, the escalation ladder, and referral as the only way out.</summary>
public sealed partial class ServiceRequest
{
    /// <summary>The receiver of a pending hand-off; they accept or decline (with a reason).</summary>
    public Guid? HandOffToId { get; private set; }

    public string? HandOffReason { get; private set; }

    /// <summary>When the pending hand-off must be accepted by (working clock at the request's place).</summary>
    public DateTime? HandOffDueAt { get; private set; }

    /// <summary>
    /// The team that answers for the request once the pending hand-off is accepted (the receiving post's, or the one the
    /// named receiver works in); null when it stays with its team (ADR 0032). Nothing moves before the acceptance.
    /// </summary>
    public Guid? HandOffTeamId { get; private set; }

    /// <summary>How many hand-offs were declined and came back to the owner.</summary>
    public int Bounces { get; private set; }

    public LadderCause LadderWaitingFor { get; private set; }

    public string? ReferredTo { get; private set; }

    public string? ReferralReason { get; private set; }

    public DateTime? ReferredAt { get; private set; }

    /// <summary>When the owner recorded that the requester was helped where they were sent.</summary>
    public DateTime? ReferralHelpedAt { get; private set; }

    /// <summary>When the owner must have recorded it by (the policy's working days after the referral); past it, the ladder climbs.</summary>
    public DateTime? ReferralFollowUpBy { get; private set; }

    /// <summary>Referred, and nobody has yet recorded that the requester was helped there: the owner's follow-up is owed.</summary>
    public bool AwaitsReferralFollowUp => Status == RequestStatus.Referred && ReferralHelpedAt is null;

    /// <summary>Where the ladder may still climb: an open request, or a referral whose follow-up is owed.</summary>
    public bool LadderMayClimb => IsOpen || AwaitsReferralFollowUp;

    /// <summary>
    /// Staff on the request route it to a named colleague (or the person on duty at a post). The receiver must
    /// accept; until then it stays with its handler and its team. A pending hand-off may be re-routed.
    /// <paramref name="toTeam"/> is the team that answers for it once accepted (null: its own stays).
    /// </summary>
    public void HandOff(Guid by, Guid to, Guid? toTeam, string reason, DateTime acceptBy, string toField)
    {
        RequireStaffOnIt(by);
        RequireOpen();
        var why = RequireReason(reason);
        if (to == HandlerId)
        {
            throw new InvalidFieldException(toField, "They already handle this request.");
        }
        if (Status == RequestStatus.HandedOff)
        {
            // Re-routing settles only the pending acceptance; a ladder waiting for an acknowledgement climbs on.
            SettleOnly(LadderCause.HandOffAcceptance);
        }
        (HandOffToId, HandOffReason, HandOffDueAt, Status) = (to, why, acceptBy, RequestStatus.HandedOff);
        HandOffTeamId = toTeam == TeamId ? null : toTeam;
        Touch();
    }

    /// <summary>
    /// The receiver takes it on: they become its handler, and taking it on acknowledges it. Handed off from on site or
    /// from a pause, it is Acknowledged again: the new handler still has to come, and their arrival is a step of its
    /// own, while the arrival already made keeps the "be on site by" commitment met (ADR 0021). A pause ends here.
    /// Handed to another team, the request becomes that team's: its board, and the ladder's next rungs from its chain
    /// (the level reached and the co-owners added stay: the ladder never goes down, ADR 0032).
    /// </summary>
    public void AcceptHandOff(Guid by, DateTime now)
    {
        RequireReceiver(by);
        HandlerId = by;
        TeamId = HandOffTeamId ?? TeamId;
        AcknowledgedAt ??= now;
        ClearHandOff(RequestStatus.Acknowledged);
        Settle(LadderCause.HandOffAcceptance);
    }

    /// <summary>
    /// The receiver declines with a reason: it goes back to the first-contact owner, and counts as a bounce. Whoever
    /// the owner sends (themself included) comes again as after an acceptance; a pause ends here too.
    /// </summary>
    public void DeclineHandOff(Guid by, string reason)
    {
        RequireReceiver(by);
        _ = RequireReason(reason);
        HandlerId = FirstContactOwnerId;
        Bounces++;
        ClearHandOff(AcknowledgedAt is null ? RequestStatus.Submitted : RequestStatus.Acknowledged);
        SettleOnly(LadderCause.HandOffAcceptance);
    }

    private void RequireReceiver(Guid by)
    {
        RequireStatus(RequestStatus.HandedOff);
        if (by != HandOffToId)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the receiver of the hand-off accepts or declines it.");
        }
    }

    /// <summary>The hand-off is settled; a pause carried through it ends (the reason stays on the timeline).</summary>
    private void ClearHandOff(RequestStatus back)
    {
        (HandOffToId, HandOffReason, HandOffDueAt, HandOffTeamId, Status, PauseReason) = (null, null, null, null, back, null);
        Touch();
    }

    /// <summary>Staff on the request escalate it by hand, one rung, with a reason (e.g. the handler cannot be reached).</summary>
    public Guid EscalateByHand(Guid by, string reason, OfficeChain chain)
    {
        RequireStaffOnIt(by);
        RequireOpen();
        _ = RequireReason(reason);
        return Climb(chain, LadderCause.None)
            ?? throw new RequestRuleException(RequestRuleException.LadderTop, "The request is already with the office's director.");
    }

    /// <summary>
    /// One rung up: the next person of the chain who is not already on the request is added as co-owner (nobody is
    /// replaced) and the level becomes their rung. A rung whose person already handles or owns the request, or is the
    /// receiver of its pending hand-off, is passed on the way: they know, and telling them again would leave the rung
    /// above unaware (ADR 0031). If nobody above is left to add, the top rung counts as reached by its own person; past
    /// it the ladder never loops (null).
    /// A referral's follow-up is the owner's and the co-owners' alone (ADR 0025): its handler is not on it, so a handler
    /// who is the rung a follow-up climbs to is added, to owe it and be able to record it (ADR 0029).
    /// </summary>
    public Guid? Climb(OfficeChain chain, LadderCause cause)
    {
        (int Level, Guid Person)? reached = null;
        for (var level = EscalationLevel + 1; level <= OfficeChain.TopLevel; level++)
        {
            if (chain.At(level) is not { } person)
            {
                continue;
            }
            reached = (level, person);
            var onIt = cause == LadderCause.ReferralFollowUp ? person == FirstContactOwnerId || CoOwners.Contains(person) : IsStaffOnIt(person) || person == HandOffToId;
            if (!onIt)
            {
                CoOwners = [.. CoOwners, person];
                break;
            }
        }
        if (reached is not { } rung)
        {
            return null;
        }
        EscalationLevel = rung.Level;
        if (cause > LadderWaitingFor)
        {
            LadderWaitingFor = cause;
        }
        Touch();
        return rung.Person;
    }

    /// <summary>A commitment was missed: the flag stays, whatever happens later.</summary>
    public void MarkOverdue()
    {
        Overdue = true;
        Touch();
    }

    /// <summary>The ladder stops when what it waited for happened (a resolution also settles an acknowledgement).</summary>
    private void Settle(LadderCause done)
    {
        if (LadderWaitingFor != LadderCause.None && LadderWaitingFor <= done)
        {
            LadderWaitingFor = LadderCause.None;
        }
    }

    /// <summary>The ladder stops only if it waited for exactly this (a hand-off settled without anyone taking the request on).</summary>
    private void SettleOnly(LadderCause done)
    {
        if (LadderWaitingFor == done)
        {
            LadderWaitingFor = LadderCause.None;
        }
    }

    /// <summary>
    /// Outside the office's remit: the owner closes it as a referral, naming where the requester was sent. The owner
    /// then owes the follow-up by <paramref name="followUpBy"/>: that the requester was helped there. An extension
    /// still waiting for a ruling is withdrawn with it: there is no work left to extend (the step's audit event keeps it).
    /// </summary>
    public void Refer(Guid by, string referredTo, string reason, DateTime now, DateTime followUpBy)
    {
        RequireOwner(by);
        RequireOpen();
        var where = RequireText(referredTo, "referredTo", 500);
        var why = RequireReason(reason);
        (ReferredTo, ReferralReason, ReferredAt, ReferralFollowUpBy) = (where, why, now, followUpBy);
        (HandOffToId, HandOffReason, HandOffDueAt, HandOffTeamId, PauseReason) = (null, null, null, null, null);
        (ExtensionAskedFor, ExtensionReason, ExtensionAskedById) = (null, null, null);
        LadderWaitingFor = LadderCause.None;
        Status = RequestStatus.Referred;
        Touch();
    }

    /// <summary>
    /// The owner checked back and the requester was helped where they were sent. Once the follow-up went up the ladder,
    /// a co-owner it reached (the team leader or above) may record it as well, having called the requester themself.
    /// </summary>
    public void RecordReferralHelped(Guid by, DateTime now)
    {
        if (by != FirstContactOwnerId && !CoOwners.Contains(by))
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the first-contact owner, or a co-owner the ladder added, records the follow-up.");
        }
        RequireStatus(RequestStatus.Referred);
        if (ReferralHelpedAt is not null)
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, "It is already recorded that the requester was helped.");
        }
        ReferralHelpedAt = now;
        SettleOnly(LadderCause.ReferralFollowUp);
        Touch();
    }

    private void RequireOwner(Guid by)
    {
        if (by != FirstContactOwnerId)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the first-contact owner does this.");
        }
    }
}
