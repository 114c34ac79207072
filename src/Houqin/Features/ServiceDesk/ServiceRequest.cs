using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk;

/// <summary>Where a request stands; the state machine is in docs/decisions/0006-request-lifecycle.md.</summary>
public enum RequestStatus
{
    Submitted,
    Acknowledged,

    /// <summary>Handed off to a named receiver who has not yet accepted or declined.</summary>
    HandedOff,
    OnSite,

    /// <summary>Waiting for the requester or for parts; the resolve commitment keeps running (ask for an extension).</summary>
    Paused,
    Completed,
    Confirmed,

    /// <summary>
    /// Outside the office's remit: closed as a referral naming where the requester was sent; the owner still owes the
    /// follow-up (did they get help there?) within the policy's working days.
    /// </summary>
    Referred,
}

/// <summary>How the request reached the office: the requester's own web form, or staff logging it for someone.</summary>
public enum Channel
{
    Web,
    Phone,
    Counter,
    Message,
}

/// <summary>Input that names a field of the API's body wrongly: the API answers 422 naming <see cref="Field"/>.</summary>
public sealed class InvalidFieldException(string field, string message, string code = InvalidFieldException.DefaultCode) : Exception(message)
{
    /// <summary>The API's code for a field it could not take; a more particular one (a photo too large) where clients act on the difference.</summary>
    public const string DefaultCode = "validation_failed";

    public string Field { get; } = field;

    public string Code { get; } = code;
}

/// <summary>A rule of the request refused the step; <see cref="Code"/> is the API's stable error code.</summary>
public sealed class RequestRuleException(string code, string message, bool forbidden = false) : InvalidOperationException(message)
{
    public const string InvalidState = "invalid_state";
    public const string NotYours = "not_allowed";
    public const string ExtensionTooLate = "extension_too_late";
    public const string ExtensionPending = "extension_pending";
    public const string NoExtensionPending = "no_extension_pending";
    public const string LadderTop = "ladder_top";
    public const string NoHandOffPending = "no_handoff_pending";

    public string Code { get; } = code;

    /// <summary>A refusal of who is asking rather than of the state (403, not 409): <see cref="NotYours"/>, or one raised as such.</summary>
    public bool Forbidden { get; } = forbidden || code == NotYours;
}

/// <summary>
/// A service request (报修/服务申请): one problem at one place. Its first-contact owner (首问负责人) stays on it
/// until the requester confirms it is done, whoever handles it; its commitments are fixed when it is made.
/// </summary>
public sealed partial class ServiceRequest
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public int Year { get; private set; }

    public int Sequence { get; private set; }

    /// <summary>
    /// Year and sequence as one number (year × 10⁷ + sequence): the order of every list, newest first. One column
    /// lets a keyset page be a single index range, which a two-column (year, sequence) comparison is not.
    /// </summary>
    public long Key { get; private set; }

    /// <summary>HQ-2026-000123: the year's sequence, as staff read it over the phone.</summary>
    public string Number { get; private set; } = "";

    /// <summary>The signed-in requester; null when staff logged it for a caller without an account.</summary>
    public Guid? RequesterId { get; private set; }

    public Channel Channel { get; private set; }

    public string? CallerName { get; private set; }

    public string? CallerPhone { get; private set; }

    public Guid RoomId { get; private set; }

    public Guid CategoryId { get; private set; }

    /// <summary>
    /// The team that answers for the request: whose board it appears on and whose chain the ladder climbs. At intake the
    /// team of the category's receiving post; a hand-off to another team, once accepted, moves it there (ADR 0032).
    /// </summary>
    public Guid TeamId { get; private set; }

    public string Description { get; private set; } = "";

    public Urgency Urgency { get; private set; }

    public RequestStatus Status { get; private set; }

    public Guid FirstContactOwnerId { get; private set; }

    public Guid HandlerId { get; private set; }

    public List<Guid> CoOwners { get; private set; } = [];

    /// <summary>0 none; 1 the team leader, 2 the deputy director, 3 the director.</summary>
    public int EscalationLevel { get; private set; }

    public bool Overdue { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime AcknowledgeBy { get; private set; }

    public DateTime ArriveBy { get; private set; }

    public DateTime ResolveBy { get; private set; }

    public bool CommitmentsProvisional { get; private set; }

    public DateTime? AcknowledgedAt { get; private set; }

    public DateTime? ArrivedAt { get; private set; }

    /// <summary>
    /// Who made the first arrival (<see cref="ArrivedAt"/>): the "be on site by" commitment kept on time is theirs,
    /// whoever handles the request after a hand-off (ADR 0026).
    /// </summary>
    public Guid? ArrivedById { get; private set; }

    /// <summary>
    /// The handler when the "be on site by" instant passed with nobody there: the missed commitment is theirs, even if
    /// they handed the request over before someone came (ADR 0026).
    /// </summary>
    public Guid? ArriveMissedById { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public DateTime? ConfirmedAt { get; private set; }

    public string? CompletionMethod { get; private set; }

    public string? CompletionResult { get; private set; }

    public List<string> Materials { get; private set; } = [];

    /// <summary>Set when the requester did not answer in time and the completion confirmed itself.</summary>
    public bool AutoConfirmed { get; private set; }

    /// <summary>How many times the requester rejected a completion (it reopened).</summary>
    public int Reopened { get; private set; }

    /// <summary>Optimistic concurrency: two people acting at once cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    private ServiceRequest() { }

    private ServiceRequest(RequestNumber number, Guid roomId, ServiceCategory category, Guid teamId, string description, Urgency urgency, Guid ownerId, Guid handlerId, CommitmentDeadlines due, DateTime now)
    {
        (Year, Sequence, Number) = (number.Year, number.Sequence, number.Text);
        Key = KeyOf(number.Year, number.Sequence);
        RoomId = roomId;
        CategoryId = category.Id;
        TeamId = teamId;
        Description = RequireDescription(description);
        Urgency = urgency;
        FirstContactOwnerId = ownerId;
        HandlerId = handlerId;
        CreatedAt = now;
        (AcknowledgeBy, ArriveBy, ResolveBy, CommitmentsProvisional) = (due.AcknowledgeBy, due.ArriveBy, due.ResolveBy, due.Provisional);
        Status = RequestStatus.Submitted;
    }

    /// <summary>A requester reports a problem themselves; the person on duty in the receiving post owns it.</summary>
    public static ServiceRequest Submit(RequestNumber number, Guid requesterId, Guid roomId, ServiceCategory category, Guid teamId, string description, Urgency urgency, Guid onDutyId, CommitmentDeadlines due, DateTime now) =>
        new(number, roomId, category, teamId, description, urgency, onDutyId, onDutyId, due, now) { RequesterId = requesterId, Channel = Channel.Web };

    /// <summary>
    /// A staff member logs a call, walk-in or message for someone: whoever logs it owns it (首问负责), and the handler
    /// is whoever intake routed it to — the person on duty in the receiving post, or the logger when they work in its
    /// team (ADR 0022).
    /// </summary>
    public static ServiceRequest Log(
        RequestNumber number,
        Guid staffId,
        Channel channel,
        string callerName,
        string callerPhone,
        Guid roomId,
        ServiceCategory category,
        Guid teamId,
        string description,
        Urgency urgency,
        Guid handlerId,
        CommitmentDeadlines due,
        DateTime now
    )
    {
        if (channel == Channel.Web)
        {
            throw new ArgumentException("Staff log phone calls, walk-ins and messages.", nameof(channel));
        }
        return new(number, roomId, category, teamId, description, urgency, staffId, handlerId, due, now)
        {
            Channel = channel,
            CallerName = Codes.RequireText(callerName, nameof(callerName)),
            CallerPhone = RequirePhone(callerPhone),
        };
    }

    private const long KeyYear = 10_000_000L;

    public static long KeyOf(int year, int sequence) => (year * KeyYear) + sequence;

    /// <summary>The year and sequence <see cref="KeyOf"/> made <paramref name="key"/> of.</summary>
    public static (int Year, int Sequence) OfKey(long key) => ((int)(key / KeyYear), (int)(key % KeyYear));

    public bool IsConcerned(Guid userId) =>
        userId == RequesterId || userId == FirstContactOwnerId || userId == HandlerId || CoOwners.Contains(userId) || userId == HandOffToId;

    /// <summary>The staff answering for it: the handler, the first-contact owner and the co-owners the ladder added.</summary>
    public bool IsStaffOnIt(Guid userId) => userId == HandlerId || userId == FirstContactOwnerId || CoOwners.Contains(userId);

    /// <summary>Still being worked on: neither done (completed and after) nor closed as a referral.</summary>
    public bool IsOpen => Status is not (RequestStatus.Completed or RequestStatus.Confirmed or RequestStatus.Referred);

    /// <summary>The requester, or for a caller without an account the owner who calls them back.</summary>
    public bool SpeaksForRequester(Guid userId) => RequesterId is { } requester ? userId == requester : userId == FirstContactOwnerId;

    /// <summary>The handler, or the owner on their behalf, says the request has been received and taken on.</summary>
    public void Acknowledge(Guid by, DateTime now)
    {
        RequireStaffOnIt(by);
        Move(RequestStatus.Submitted, RequestStatus.Acknowledged);
        AcknowledgedAt = now;
        Settle(LadderCause.Acknowledgement);
    }

    /// <summary>
    /// Someone on it is on site. The "be on site by" commitment is met by the first arrival and judged on it: a handler
    /// who took the request over after that arrives too (a step on the timeline), but <see cref="ArrivedAt"/> and
    /// <see cref="ArrivedById"/> stay.
    /// </summary>
    public void ArriveOnSite(Guid by, DateTime now)
    {
        RequireStaffOnIt(by);
        Move(RequestStatus.Acknowledged, RequestStatus.OnSite);
        if (ArrivedAt is null)
        {
            (ArrivedAt, ArrivedById) = (now, by);
        }
    }

    /// <summary>
    /// The "be on site by" instant passed with nobody there: whoever handles it now answers for the miss, recorded once
    /// (a hand-off or a late arrival after this does not move it). The caller flags it overdue, as for any miss.
    /// </summary>
    public void MissArrival()
    {
        if (IsOpen && ArrivedAt is null && ArriveMissedById is null)
        {
            ArriveMissedById = HandlerId;
            Touch();
        }
    }

    public void Complete(Guid by, string method, string result, IEnumerable<string> materials, DateTime now)
    {
        RequireStaffOnIt(by);
        var m = RequireText(method, nameof(method), 500);
        var r = RequireText(result, nameof(result), 2000);
        var used = materials.Select(x => (x ?? "").Trim()).Where(x => x.Length > 0).ToList();
        if (used.Count > 50 || used.Any(x => x.Length > 200))
        {
            throw new ArgumentException("At most 50 materials of 200 characters each.", nameof(materials));
        }
        Move(RequestStatus.OnSite, RequestStatus.Completed);
        (CompletionMethod, CompletionResult, Materials, CompletedAt) = (m, r, used, now);
        (ExtensionAskedFor, ExtensionReason, ExtensionAskedById) = (null, null, null);
        Settle(LadderCause.Resolution);
    }

    /// <summary>The requester confirms it is done; for a caller without an account, the owner who called them back.</summary>
    public void Confirm(Guid by, DateTime now)
    {
        RequireRequester(by, "Only the requester confirms the work is done.");
        Move(RequestStatus.Completed, RequestStatus.Confirmed);
        ConfirmedAt = now;
    }

    private void RequireRequester(Guid by, string message)
    {
        if (!SpeaksForRequester(by))
        {
            throw new RequestRuleException(RequestRuleException.NotYours, message);
        }
    }

    private void RequireStaffOnIt(Guid by)
    {
        if (!IsStaffOnIt(by))
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the handler, the owner or a co-owner acts on this request.");
        }
    }

    private void Move(RequestStatus from, RequestStatus to)
    {
        RequireStatus(from);
        Status = to;
        Touch();
    }

    private void RequireStatus(params RequestStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, $"The request is {Status}; this step needs {string.Join(" or ", allowed)}.");
        }
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new RequestRuleException(RequestRuleException.InvalidState, $"The request is {Status}; this step needs it open.");
        }
    }

    /// <summary>A new version: two people acting on the same old copy cannot both win.</summary>
    private void Touch() => Version = Guid.NewGuid();

    private static string RequireDescription(string value) => RequireText(value, "description", 2000);

    internal static string RequireReason(string? value, string field = "reason") => RequireText(value ?? "", field, 1000);

    private static string RequireText(string value, string name, int max)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0 || v.Length > max)
        {
            throw new ArgumentException($"{name} is required (at most {max} characters).", name);
        }
        return v;
    }

    private static string RequirePhone(string value)
    {
        var v = (value ?? "").Trim();
        if (v.Length is < 3 or > 32 || !v.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '))
        {
            throw new InvalidFieldException("caller.phone", "A phone number of digits, '+', '-' or spaces.");
        }
        return v;
    }
}

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    // Written as EF writes the page's `Status != Confirmed && Status != Referred` (one NOT IN): SQLite uses a partial
    // index only when the query repeats its filter term for term, and then reads the index alone for a count.
    private const string OpenFilter = "\"Status\" NOT IN ('Confirmed', 'Referred')";

    // A referral whose follow-up is owed, written as RequestFollowUps.Ranges writes it, term for term.
    private const string FollowUpOwedFilter = "\"Status\" = 'Referred' AND \"ReferralHelpedAt\" IS NULL";

    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.ToTable("service_requests");
        b.HasIndex(e => e.Number).IsUnique();
        b.HasIndex(e => new { e.Year, e.Sequence }).IsUnique();
        b.HasIndex(e => e.Key).IsUnique();
        b.HasIndex(e => new { e.RequesterId, e.Key });
        // A person's requests newest first; the status rides along so a `status=` filter skips the rest of the person's
        // range in the index instead of reading each row behind it (bench/lists.sh, `handling&status=`).
        b.HasIndex(e => new { e.FirstContactOwnerId, e.Key, e.Status });
        b.HasIndex(e => new { e.HandlerId, e.Key, e.Status });
        b.HasIndex(e => new { e.TeamId, e.Key });
        b.HasIndex(e => new { e.TeamId, e.Status, e.Overdue });
        // The staff queue (Pages/Queue) lists and counts a person's open requests: these ranges hold only those, so
        // neither the page nor its counts read the years of closed requests behind them. The filter is written as the
        // page's query writes it (the planners match it term by term).
        b.HasIndex(e => new { e.FirstContactOwnerId, e.Key }, "IX_service_requests_open_FirstContactOwnerId_Key").HasFilter(OpenFilter);
        b.HasIndex(e => new { e.HandlerId, e.Key }, "IX_service_requests_open_HandlerId_Key").HasFilter(OpenFilter);
        // Co-owners exist only after an escalation: the co-owned range reads the escalated requests, newest first. It
        // carries what that range tests (owner, status, co-owners), so neither the list nor the page's count reads a
        // row to find the few that are someone's. Never written at intake: a new request is not escalated.
        b.HasIndex(e => new { e.Key, e.FirstContactOwnerId, e.Status, e.CoOwners }, "IX_service_requests_escalated")
            .HasFilter("\"EscalationLevel\" > 0");
        // The follow-ups owed (the queue's section and `scope=followups`, ADR 0025), the due first: a referral is in these
        // ranges only until its follow-up is recorded, so they hold a few days' referrals, not the years behind them.
        // The owner's range; and the co-owners' (escalated) one, which carries what that range tests, as above.
        b.HasIndex(e => new { e.FirstContactOwnerId, e.ReferralFollowUpBy, e.Key }, "IX_service_requests_follow_up_owed").HasFilter(FollowUpOwedFilter);
        b.HasIndex(e => new { e.ReferralFollowUpBy, e.Key, e.FirstContactOwnerId, e.CoOwners }, "IX_service_requests_follow_up_escalated")
            .HasFilter(FollowUpOwedFilter + " AND \"EscalationLevel\" > 0");
        // A month's commitments, judged in the month they fall due (the monthly scorecards). Covering: the month's
        // counts per person read the index alone, never the ≈ 90,000 rows behind them (bench/scorecards.sh).
        b.HasIndex(e => new { e.AcknowledgeBy, e.FirstContactOwnerId, e.AcknowledgedAt, e.Status });
        // On site is credited to whoever missed it when it fell due, else to whoever came first, else to the handler
        // (MonthFacts): the three people ride along so the month still reads this index alone.
        b.HasIndex(e => new { e.ArriveBy, e.HandlerId, e.ArrivedById, e.ArriveMissedById, e.ArrivedAt, e.CompletedAt, e.Status }, "IX_service_requests_ArriveBy_month");
        b.HasIndex(e => new { e.ResolveBy, e.HandlerId, e.CompletedAt, e.Status });
        b.Property(e => e.Number).HasMaxLength(32);
        b.Property(e => e.Description).HasMaxLength(2000);
        b.Property(e => e.CallerName).HasMaxLength(200);
        b.Property(e => e.CallerPhone).HasMaxLength(32);
        b.Property(e => e.CompletionMethod).HasMaxLength(500);
        b.Property(e => e.CompletionResult).HasMaxLength(2000);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.LadderWaitingFor).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.HandOffReason).HasMaxLength(1000);
        b.Property(e => e.ExtensionReason).HasMaxLength(1000);
        b.Property(e => e.PauseReason).HasMaxLength(1000);
        b.Property(e => e.ReferredTo).HasMaxLength(500);
        b.Property(e => e.ReferralReason).HasMaxLength(1000);
        // Only a hand-off waiting to be accepted has a receiver: the range holds those alone (never written at intake),
        // and the planners, which took one all-NULL index for useless, search it.
        b.HasIndex(e => new { e.HandOffToId, e.Key }).HasFilter("\"HandOffToId\" IS NOT NULL");
        b.HasOne<User>().WithMany().HasForeignKey(e => e.HandOffToId).OnDelete(DeleteBehavior.Restrict);
        // Set only while a hand-off to another team waits: its foreign key's index holds those alone (never written at intake).
        b.HasIndex(e => e.HandOffTeamId).HasFilter("\"HandOffTeamId\" IS NOT NULL");
        b.HasOne<Team>().WithMany().HasForeignKey(e => e.HandOffTeamId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Urgency).HasConversion<string>().HasMaxLength(16);
        b.PrimitiveCollection(e => e.CoOwners);
        b.PrimitiveCollection(e => e.Materials);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<User>().WithMany().HasForeignKey(e => e.RequesterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.FirstContactOwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.HandlerId).OnDelete(DeleteBehavior.Restrict);
        // Their foreign keys' indexes hold only the requests that have them: intake writes neither.
        b.HasIndex(e => e.ArrivedById).HasFilter("\"ArrivedById\" IS NOT NULL");
        b.HasIndex(e => e.ArriveMissedById).HasFilter("\"ArriveMissedById\" IS NOT NULL");
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ArrivedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ArriveMissedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(e => e.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceCategory>().WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
