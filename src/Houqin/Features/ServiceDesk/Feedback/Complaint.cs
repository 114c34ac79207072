using Houqin.Features.Organisation;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk.Feedback;

public enum ComplaintKind
{
    /// <summary>推诿: "不知道", "不是我负责", "去找某某".</summary>
    BuckPassing,
    Attitude,
    Other,
}

/// <summary>Open until answered in writing; the accountability issue (5) adds the case's states after these.</summary>
public enum ComplaintStatus
{
    Open,
    Answered,
}

/// <summary>
/// A requester's complaint (投诉) against a named member of the office's staff about one request. It goes to the
/// deputy director in charge of that person's team (the director when there is none, or when the deputy is the
/// one complained about; the auditor, 纪检, when the director is: ADR 0030), who answers in writing within the
/// policy's working days. Nobody answers a complaint about themselves. The complainant's identity is kept from
/// the person complained about unless the complainant chose to share it.
/// </summary>
public sealed class Complaint
{
    /// <summary>The request's timeline step of filing one.</summary>
    public const string Filed = "service_request.complaint_filed";
    public const string AnswerDueKind = "complaint.answer_due";
    public const string AlreadyAnswered = "already_answered";

    /// <summary>The API's code (403) for the person complained about acting on the complaint: answering it or making its return visit.</summary>
    public const string AboutYou = "complaint_about_you";

    /// <summary>The API's code (409) when nobody independent of the person complained about is there to answer (no auditor for a complaint about the director).</summary>
    public const string NoAnswerer = "complaint_no_answerer";
    public const int TextMaxLength = 2000;
    public const int AnswerMaxLength = 4000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RequestId { get; private set; }

    /// <summary>The request's number, so lists of complaints read without the request.</summary>
    public string Number { get; private set; } = "";

    public Guid ComplainantId { get; private set; }

    public ComplaintKind Kind { get; private set; }

    /// <summary>The staff member complained about.</summary>
    public Guid StaffId { get; private set; }

    /// <summary>That staff member's team when the complaint was filed; null for someone outside any team.</summary>
    public Guid? StaffTeamId { get; private set; }

    /// <summary>Who must answer: the deputy director in charge, the director, or the auditor for a complaint about the director.</summary>
    public Guid ResponsibleId { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>The complainant agreed that the person complained about may know who complained.</summary>
    public bool ShareIdentity { get; private set; }

    public DateTime FiledAt { get; private set; }

    public DateTime AnswerBy { get; private set; }

    public bool Overdue { get; private set; }

    public ComplaintStatus Status { get; private set; }

    public string? Answer { get; private set; }

    public Guid? AnsweredById { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>Whether the answer found the complaint justified; null when the answer did not say. Upheld opens an accountability case.</summary>
    public bool? Upheld { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    private Complaint() { }

    /// <summary>The requester of the request complains; routing (<paramref name="responsibleId"/>) and the due instant are worked out by the caller.</summary>
    public static Complaint File(
        ServiceRequest request,
        Guid by,
        ComplaintKind kind,
        Guid staffId,
        Guid? staffTeamId,
        Guid responsibleId,
        string text,
        bool shareIdentity,
        DateTime answerBy,
        DateTime now
    )
    {
        if (request.RequesterId != by)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the requester complains about the service on their request.");
        }
        if (staffId == by)
        {
            throw new InvalidFieldException("staffUserName", "Name the member of staff the complaint is about.");
        }
        if (responsibleId == staffId)
        {
            throw new InvalidOperationException("A complaint never goes to the person it is about.");
        }
        var t = (text ?? "").Trim();
        if (t.Length == 0 || t.Length > TextMaxLength)
        {
            throw new InvalidFieldException("text", $"text is required (at most {TextMaxLength} characters).");
        }
        return new Complaint
        {
            RequestId = request.Id,
            Number = request.Number,
            ComplainantId = by,
            Kind = kind,
            StaffId = staffId,
            StaffTeamId = staffTeamId,
            ResponsibleId = responsibleId,
            Text = t,
            ShareIdentity = shareIdentity,
            FiledAt = now,
            AnswerBy = answerBy,
            Status = ComplaintStatus.Open,
        };
    }

    /// <summary>
    /// The person it went to, or the director, answers in writing, once, and may find it upheld or not; an upheld
    /// complaint opens an accountability case. Never the person complained about, the director included (谁承办、谁负责
    /// does not let anyone judge their own case).
    /// </summary>
    public void AnswerInWriting(Guid by, bool byDirector, string answer, DateTime now, bool? upheld = null)
    {
        if (by == StaffId)
        {
            throw new RequestRuleException(AboutYou, "Nobody answers a complaint about themselves.", forbidden: true);
        }
        if (by != ResponsibleId && !byDirector)
        {
            throw new RequestRuleException(RequestRuleException.NotYours, "Only the deputy director in charge or the director answers a complaint.");
        }
        if (Status != ComplaintStatus.Open)
        {
            throw new RequestRuleException(AlreadyAnswered, "This complaint has already been answered.");
        }
        var a = (answer ?? "").Trim();
        if (a.Length == 0 || a.Length > AnswerMaxLength)
        {
            throw new InvalidFieldException("answer", $"answer is required (at most {AnswerMaxLength} characters).");
        }
        (Answer, AnsweredById, AnsweredAt, Status, Upheld) = (a, by, now, ComplaintStatus.Answered, upheld);
        Version = Guid.NewGuid();
    }

    /// <summary>The answer is late; true when this call flagged it (an answered complaint is never flagged).</summary>
    public bool FlagOverdue()
    {
        if (Status != ComplaintStatus.Open || Overdue)
        {
            return false;
        }
        Overdue = true;
        Version = Guid.NewGuid();
        return true;
    }

    /// <summary>"Within N working days" of filing: <see cref="WorkingCalendar.EndOfWorkingDaysAfter"/>.</summary>
    public static DateTime AnswerDue(DateTime filedUtc, int workingDays, WorkingCalendar calendar) => calendar.EndOfWorkingDaysAfter(filedUtc, workingDays);
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("complaints");
        b.HasIndex(e => e.RequestId);
        b.HasIndex(e => new { e.ResponsibleId, e.Status });
        b.HasIndex(e => new { e.ComplainantId, e.FiledAt });
        b.HasIndex(e => new { e.StaffId, e.FiledAt });
        b.Property(e => e.Number).HasMaxLength(32);
        b.Property(e => e.Text).HasMaxLength(Complaint.TextMaxLength);
        b.Property(e => e.Answer).HasMaxLength(Complaint.AnswerMaxLength);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ComplainantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.AnsweredById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(e => e.StaffTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
