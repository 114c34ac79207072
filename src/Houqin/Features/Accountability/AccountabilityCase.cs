using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Accountability;

/// <summary>How the case came to be opened.</summary>
public enum CaseOrigin
{
    /// <summary>A complaint the deputy director (or the director) answered as upheld.</summary>
    Complaint,

    /// <summary>A commitment still unmet after the director's rung of the escalation ladder had its time.</summary>
    PastDirector,
    AuditFinding,
    ByHand,
}

/// <summary>What the accused are said to have done (责任追究的情形).</summary>
public enum CaseGround
{
    UpheldComplaint,
    CommitmentBreach,
    ProcedureBreach,
    Negligence,
    Dereliction,

    /// <summary>以权谋私 that caused the office or the university a loss.</summary>
    SelfDealing,
}

public enum CaseStatus
{
    AwaitingInvestigator,
    UnderInvestigation,
    Decided,
    Appealed,

    /// <summary>The director ruled on the appeal: nothing more happens to the case.</summary>
    Closed,
}

public enum CaseDecision
{
    Upheld,
    PartlyUpheld,
    Dismissed,
}

/// <summary>The procedure's scale of sanctions, lightest first; the points each carries come from the policy in force.</summary>
public enum Sanction
{
    None,
    Warning,
    PenaltyPoints,

    /// <summary>"不称职": the person's assessment grade for the period is unfit.</summary>
    Unfit,
}

public enum AppealRuling
{
    DecisionStands,
    Varied,
    Overturned,
}

public enum EvidenceKind
{
    Request,
    AuditEvent,
    Document,
}

/// <summary>A member of staff the case is about, with their written answer once they give it.</summary>
public sealed class AccusedPerson
{
    public Guid UserId { get; private set; }

    public string? Answer { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    private AccusedPerson() { }

    internal AccusedPerson(Guid userId) => UserId = userId;

    internal void Give(string answer, DateTime now) => (Answer, AnsweredAt) = (answer, now);
}

/// <summary>What the case rests on: a request (its id), an audit event (its sequence number, provable by its inclusion proof), a document (a text reference).</summary>
public sealed record CaseEvidence(EvidenceKind Kind, string Ref)
{
    public const int RefMaxLength = 400;

    /// <summary>
    /// The row's key, given by the database as each piece is saved, so it runs in the order the pieces were added: a
    /// case's evidence is shown in that order (<see cref="CaseView"/>). 0 until saved.
    /// </summary>
    public int Id { get; private init; }
}

/// <summary>
/// An accountability case (责任追究): names the staff it is about and its evidence, is investigated by someone who
/// is not accused, hears each accused in writing, and ends in a decision with a sanction from the procedure's
/// scale; the accused may appeal once, to the director, whose ruling is final.
/// </summary>
public sealed class AccountabilityCase
{
    public const string SubjectType = "AccountabilityCase";
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public CaseOrigin Origin { get; private set; }

    public CaseGround Ground { get; private set; }

    public string Summary { get; private set; } = "";

    public DateTime OpenedAt { get; private set; }

    /// <summary>Null when the deadlines engine opened it.</summary>
    public Guid? OpenedById { get; private set; }

    /// <summary>The upheld complaint it came from, whose complainant the accused may not learn unless they agreed.</summary>
    public Guid? ComplaintId { get; private set; }

    public List<AccusedPerson> Accused { get; private set; } = [];

    public List<CaseEvidence> Evidence { get; private set; } = [];

    public CaseStatus Status { get; private set; }

    public Guid? InvestigatorId { get; private set; }

    /// <summary>Until then the accused are heard: the decision waits for every answer or for this instant.</summary>
    public DateTime? AnswerBy { get; private set; }

    public CaseDecision? Decision { get; private set; }

    public Sanction Sanction { get; private set; }

    /// <summary>The points the sanction carries on the assessment (0 for none), fixed when decided or ruled.</summary>
    public int PenaltyPoints { get; private set; }

    public string? Findings { get; private set; }

    public Guid? DecidedById { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? Appeal { get; private set; }

    public Guid? AppealedById { get; private set; }

    public DateTime? AppealedAt { get; private set; }

    public AppealRuling? Ruling { get; private set; }

    public string? RulingReasons { get; private set; }

    public Guid? RuledById { get; private set; }

    public DateTime? RuledAt { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    private AccountabilityCase() { }

    public bool IsAccused(Guid userId) => Accused.Any(a => a.UserId == userId);

    public static AccountabilityCase Open(
        CaseOrigin origin,
        CaseGround ground,
        IReadOnlyCollection<Guid> accused,
        string summary,
        IEnumerable<CaseEvidence> evidence,
        Guid? openedBy,
        Guid? complaintId,
        DateTime now
    )
    {
        if (accused.Count == 0)
        {
            throw new InvalidFieldException("accusedUserNames", "Name at least one member of staff the case is about.");
        }
        if (openedBy is { } by && accused.Contains(by))
        {
            throw new CaseRuleException(CaseRuleException.NotAllowed, "Nobody opens a case against themselves.");
        }
        return new AccountabilityCase
        {
            Origin = origin,
            Ground = ground,
            Summary = Text(summary, "summary"),
            Accused = [.. accused.Distinct().Select(a => new AccusedPerson(a))],
            Evidence = [.. evidence.Distinct()],
            OpenedAt = now,
            OpenedById = openedBy,
            ComplaintId = complaintId,
            Status = CaseStatus.AwaitingInvestigator,
        };
    }

    /// <summary>The director, a deputy director or the auditor names who investigates; never one of the accused, on either side.</summary>
    public void AssignInvestigator(Guid by, Guid investigatorId, DateTime answerBy)
    {
        if (IsAccused(by) || IsAccused(investigatorId))
        {
            throw new CaseRuleException(CaseRuleException.AccusedCannotInvestigate, "Someone the case is about can neither investigate it nor choose who does.");
        }
        if (Status is not (CaseStatus.AwaitingInvestigator or CaseStatus.UnderInvestigation))
        {
            throw new CaseRuleException(CaseRuleException.InvalidState, "The case has been decided; its investigator no longer changes.");
        }
        InvestigatorId = investigatorId;
        AnswerBy ??= answerBy;
        Status = CaseStatus.UnderInvestigation;
        Touch();
    }

    /// <summary>Each accused answers in writing, once, before the decision.</summary>
    public void AnswerInWriting(Guid by, string answer, DateTime now)
    {
        var me = Accused.FirstOrDefault(a => a.UserId == by) ?? throw new CaseRuleException(CaseRuleException.NotAllowed, "Only the accused answer the case.");
        if (Status is not (CaseStatus.AwaitingInvestigator or CaseStatus.UnderInvestigation))
        {
            throw new CaseRuleException(CaseRuleException.InvalidState, "The case has been decided.");
        }
        if (me.Answer is not null)
        {
            throw new CaseRuleException(CaseRuleException.AlreadyAnswered, "You have already answered this case.");
        }
        me.Give(Text(answer, "answer"), now);
        Touch();
    }

    /// <summary>The investigator decides, once every accused has answered or their time to answer has passed.</summary>
    public void Decide(Guid by, CaseDecision decision, Sanction sanction, int? points, string findings, SanctionScale scale, DateTime now)
    {
        if (IsAccused(by))
        {
            throw new CaseRuleException(CaseRuleException.AccusedCannotInvestigate, "Someone the case is about cannot decide it.");
        }
        if (by != InvestigatorId)
        {
            throw new CaseRuleException(CaseRuleException.NotAllowed, "Only the case's investigator decides it.");
        }
        if (Status != CaseStatus.UnderInvestigation)
        {
            throw new CaseRuleException(CaseRuleException.InvalidState, "The case has already been decided.");
        }
        if (Accused.Any(a => a.Answer is null) && now < AnswerBy)
        {
            throw new CaseRuleException(CaseRuleException.AwaitingAnswer, "The accused have until their answer is due to answer in writing.");
        }
        var reasons = Text(findings, "findings");
        (Decision, Sanction, PenaltyPoints) = (decision, sanction, scale.PointsFor(decision, sanction, points));
        (Findings, DecidedById, DecidedAt, Status) = (reasons, by, now, CaseStatus.Decided);
        Touch();
    }

    /// <summary>One appeal, by one of the accused, to the director, against a decision that found against them.</summary>
    public void AppealToDirector(Guid by, string grounds, DateTime now)
    {
        if (!IsAccused(by))
        {
            throw new CaseRuleException(CaseRuleException.NotAllowed, "Only the accused appeal.");
        }
        if (Appeal is not null)
        {
            throw new CaseRuleException(CaseRuleException.AlreadyAppealed, "The case has been appealed once; there is no second appeal.");
        }
        if (Status != CaseStatus.Decided)
        {
            throw new CaseRuleException(CaseRuleException.InvalidState, "Only a decided case is appealed.");
        }
        if (Decision == CaseDecision.Dismissed)
        {
            throw new CaseRuleException(CaseRuleException.NothingToAppeal, "A dismissed case finds nothing against you.");
        }
        (Appeal, AppealedById, AppealedAt, Status) = (Text(grounds, "grounds"), by, now, CaseStatus.Appealed);
        Touch();
    }

    /// <summary>The director rules on the appeal: the decision stands, is varied (a new decision and sanction), or is overturned.</summary>
    public void RuleOnAppeal(Guid by, bool byDirector, AppealRuling ruling, CaseDecision? decision, Sanction? sanction, int? points, string reasons, SanctionScale scale, DateTime now)
    {
        if (!byDirector || IsAccused(by))
        {
            throw new CaseRuleException(CaseRuleException.NotAllowed, "The director, not accused in the case, rules on the appeal.");
        }
        if (Status != CaseStatus.Appealed)
        {
            throw new CaseRuleException(CaseRuleException.InvalidState, "There is no appeal waiting for a ruling.");
        }
        var text = Text(reasons, "reasons");
        switch (ruling)
        {
            case AppealRuling.Overturned:
                (Decision, Sanction, PenaltyPoints) = (CaseDecision.Dismissed, Sanction.None, 0);
                break;
            case AppealRuling.Varied:
                var d = decision ?? throw new InvalidFieldException("decision", "A varied decision names the new decision.");
                var s = sanction ?? throw new InvalidFieldException("sanction", "A varied decision names the new sanction.");
                (Decision, Sanction, PenaltyPoints) = (d, s, scale.PointsFor(d, s, points));
                break;
        }
        (Ruling, RulingReasons, RuledById, RuledAt, Status) = (ruling, text, by, now, CaseStatus.Closed);
        Touch();
    }

    private void Touch() => Version = Guid.NewGuid();

    private static string Text(string? value, string field)
    {
        var t = (value ?? "").Trim();
        if (t.Length == 0 || t.Length > TextMaxLength)
        {
            throw new InvalidFieldException(field, $"{field} is required (at most {TextMaxLength} characters).");
        }
        return t;
    }
}

/// <summary>A rule of the case refused the step; <see cref="Forbidden"/> codes answer 403, the rest 409.</summary>
public sealed class CaseRuleException(string code, string message) : InvalidOperationException(message)
{
    public const string NotAllowed = "not_allowed";
    public const string AccusedCannotInvestigate = "accused_cannot_investigate";
    public const string InvalidState = "invalid_state";
    public const string AlreadyAnswered = "already_answered";
    public const string AwaitingAnswer = "awaiting_answer";
    public const string AlreadyAppealed = "already_appealed";
    public const string NothingToAppeal = "nothing_to_appeal";

    public string Code { get; } = code;

    public bool Forbidden => Code is NotAllowed or AccusedCannotInvestigate;
}

internal sealed class AccountabilityCaseConfiguration : IEntityTypeConfiguration<AccountabilityCase>
{
    public void Configure(EntityTypeBuilder<AccountabilityCase> b)
    {
        b.ToTable("accountability_cases");
        b.HasIndex(e => new { e.Status, e.OpenedAt });
        b.HasIndex(e => e.InvestigatorId);
        b.HasIndex(e => e.ComplaintId);
        b.Property(e => e.Origin).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Ground).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Decision).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Sanction).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Ruling).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Summary).HasMaxLength(AccountabilityCase.TextMaxLength);
        b.Property(e => e.Findings).HasMaxLength(AccountabilityCase.TextMaxLength);
        b.Property(e => e.Appeal).HasMaxLength(AccountabilityCase.TextMaxLength);
        b.Property(e => e.RulingReasons).HasMaxLength(AccountabilityCase.TextMaxLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<User>().WithMany().HasForeignKey(e => e.OpenedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.InvestigatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.AppealedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.RuledById).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(
            e => e.Accused,
            a =>
            {
                a.ToTable("accountability_case_accused");
                a.WithOwner().HasForeignKey("CaseId");
                a.HasKey("CaseId", nameof(AccusedPerson.UserId));
                a.HasIndex(x => x.UserId);
                a.Property(x => x.Answer).HasMaxLength(AccountabilityCase.TextMaxLength);
                a.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
            }
        );
        b.OwnsMany(
            e => e.Evidence,
            v =>
            {
                v.ToTable("accountability_case_evidence");
                v.WithOwner().HasForeignKey("CaseId");
                v.HasKey(x => x.Id);
                v.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
                v.Property(x => x.Ref).HasMaxLength(CaseEvidence.RefMaxLength);
            }
        );
    }
}
