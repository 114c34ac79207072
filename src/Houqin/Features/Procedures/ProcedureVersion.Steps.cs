namespace Houqin.Features.Procedures;

public sealed partial class ProcedureVersion
{
    /// <summary>Writes clause <paramref name="number"/> (adds it, or replaces its heading and text).</summary>
    public void WriteClause(int number, string heading, string html)
    {
        RequireEditable();
        if (number is < 1 or > 999)
        {
            throw new ProcedureFieldException("number", "A clause number is from 1 to 999.");
        }
        var h = (heading ?? "").Trim();
        if (h.Length is 0 or > HeadingMaxLength)
        {
            throw new ProcedureFieldException("heading", $"heading is required (at most {HeadingMaxLength} characters).");
        }
        var text = ClauseHtml.Sanitise(html);
        if (text.Length is 0 or > ClauseMaxLength)
        {
            throw new ProcedureFieldException("text", $"text is required (at most {ClauseMaxLength} characters after cleaning).");
        }
        Clauses.RemoveAll(c => c.Number == number);
        Clauses.Add(new Clause(number, h, text));
        Touch();
    }

    public void RemoveClause(int number)
    {
        RequireEditable();
        if (Clauses.RemoveAll(c => c.Number == number) == 0)
        {
            throw new ProcedureFieldException("number", $"There is no clause {number}.");
        }
        Touch();
    }

    /// <summary>Sets a parameter to a value already checked and made canonical against its definition.</summary>
    public void SetParameter(string key, string canonicalValue)
    {
        RequireEditable();
        Parameters.RemoveAll(p => p.Key == key);
        Parameters.Add(new VersionParameter(key, canonicalValue));
        Touch();
    }

    public void StartDiscussion(DateTime now)
    {
        Require(VersionStatus.Draft, "open staff discussion on");
        RequireClauses();
        Status = VersionStatus.Discussion;
        DiscussionStartedAt = now;
        Touch();
    }

    public void StartConsultation(DateTime closesAt, DateTime now)
    {
        Require(VersionStatus.Discussion, "open public consultation on");
        if (closesAt <= now)
        {
            throw new ProcedureFieldException("closesAt", "closesAt must be in the future.");
        }
        Status = VersionStatus.Consultation;
        ConsultationStartedAt = now;
        ConsultationClosesAt = closesAt;
        Touch();
    }

    /// <summary>Whether teachers and students may still comment at <paramref name="now"/>.</summary>
    public bool AcceptsPublicComments(DateTime now) => Status == VersionStatus.Consultation && now < ConsultationClosesAt;

    /// <summary>To the principal's office meeting, once the consultation has closed and every comment on it is answered.</summary>
    public void Submit(int unansweredComments, DateTime now)
    {
        Require(VersionStatus.Consultation, "submit");
        if (AcceptsPublicComments(now))
        {
            throw new ProcedureRuleException(ProcedureRuleException.ConsultationOpen, "The public consultation is still open.");
        }
        if (unansweredComments > 0)
        {
            throw new ProcedureRuleException(ProcedureRuleException.CommentsUnanswered, $"{unansweredComments} comment(s) still wait for the office's answer.");
        }
        Status = VersionStatus.Submitted;
        SubmittedAt = now;
        SentBackReason = null;
        Touch();
    }

    /// <summary>The principal's office meeting approves: the record of the meeting, and when the version takes effect.</summary>
    public void Approve(DateOnly meetingDate, string minutesRef, string resolutionNo, DateTime effectiveAt, Guid by, DateTime now)
    {
        Require(VersionStatus.Submitted, "approve");
        MinutesRef = Required(minutesRef, "minutesRef");
        ResolutionNo = Required(resolutionNo, "resolutionNo");
        if (DateOnly.FromDateTime(now.AddHours(8)) < meetingDate)
        {
            throw new ProcedureFieldException("meetingDate", "meetingDate cannot be in the future.");
        }
        if (effectiveAt < now)
        {
            throw new ProcedureFieldException("effectiveAt", "effectiveAt cannot be in the past: a policy never changes what already happened.");
        }
        MeetingDate = meetingDate;
        EffectiveAt = effectiveAt;
        ApprovedById = by;
        ApprovedAt = now;
        Status = VersionStatus.Approved;
        Touch();
    }

    /// <summary>The meeting sends it back to the office to redraft (back to a draft, with the reason kept).</summary>
    public void SendBack(string reason)
    {
        Require(VersionStatus.Submitted, "send back");
        var r = (reason ?? "").Trim();
        if (r.Length is 0 or > ReasonMaxLength)
        {
            throw new ProcedureFieldException("reason", $"reason is required (at most {ReasonMaxLength} characters).");
        }
        SentBackReason = r;
        Status = VersionStatus.Draft;
        DiscussionStartedAt = ConsultationStartedAt = ConsultationClosesAt = SubmittedAt = null;
        Touch();
    }

    /// <summary>The effective instant has come (a deadline fires this).</summary>
    public void TakeEffect()
    {
        Require(VersionStatus.Approved, "put in force");
        Status = VersionStatus.InForce;
        Touch();
    }

    /// <summary>The next version has taken effect.</summary>
    public void Supersede(DateTime now)
    {
        Require(VersionStatus.InForce, "supersede");
        Status = VersionStatus.Superseded;
        SupersededAt = now;
        Touch();
    }

    private void RequireClauses()
    {
        if (Clauses.Count == 0)
        {
            throw new ProcedureRuleException(ProcedureRuleException.InvalidState, "A version needs at least one clause.");
        }
    }

    private static string Required(string value, string field)
    {
        var v = (value ?? "").Trim();
        return v.Length is 0 or > 100 ? throw new ProcedureFieldException(field, $"{field} is required (at most 100 characters).") : v;
    }
}
