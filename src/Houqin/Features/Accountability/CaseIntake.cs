using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Accountability;

/// <summary>
/// Opens cases, in the unit of work of whatever called for one: an upheld complaint's answer, the deadlines engine,
/// or the auditor or the director by hand. Each opening is an audit event and a notice to the accused and the director.
/// </summary>
public sealed class CaseIntake(AppDbContext db, AuditLog audit, Outbox outbox, TimeProvider clock)
{
    public const string Opened = "accountability_case.opened";

    /// <summary>The complaint was answered as upheld: a case against the person complained about, resting on the request.</summary>
    public Task<AccountabilityCase> FromComplaintAsync(Complaint complaint, Guid answeredBy, CancellationToken ct) =>
        OpenAsync(
            AccountabilityCase.Open(
                CaseOrigin.Complaint,
                CaseGround.UpheldComplaint,
                [complaint.StaffId],
                complaint.Text,
                [new CaseEvidence(EvidenceKind.Request, complaint.RequestId.ToString())],
                answeredBy == complaint.StaffId ? null : answeredBy,
                complaint.Id,
                Now
            ),
            audit.Record,
            ct
        );

    /// <summary>
    /// The director's rung had its time and the request is still open: a case against whoever owned and handled it,
    /// resting on the request and on the ladder's own audit events.
    /// </summary>
    public async Task<AccountabilityCase> PastDirectorAsync(ServiceRequest r, CancellationToken ct)
    {
        var subject = r.Id.ToString();
        var ladder = await db.Set<AuditEvent>()
            .Where(e => e.SubjectType == Intake.SubjectType && e.SubjectId == subject)
            .Where(e => e.Action == "service_request.escalated" || e.Action == "service_request.overdue")
            .OrderBy(e => e.Sequence)
            .Select(e => e.Sequence)
            .ToListAsync(ct);
        Guid[] accused = r.HandlerId is { } h && h != r.FirstContactOwnerId ? [r.FirstContactOwnerId, h] : [r.FirstContactOwnerId];
        var evidence = ladder.Select(s => new CaseEvidence(EvidenceKind.AuditEvent, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var summary = $"{r.Number}: commitments unmet after the director's rung of the escalation ladder.";
        return await OpenAsync(
            AccountabilityCase.Open(
                CaseOrigin.PastDirector,
                CaseGround.CommitmentBreach,
                accused,
                summary,
                [new CaseEvidence(EvidenceKind.Request, r.Id.ToString()), .. evidence],
                null,
                null,
                Now
            ),
            (action, type, id, data, reason) => audit.RecordAs(CurrentActor.System, action, type, id, data, reason),
            ct
        );
    }

    /// <summary>The auditor or the director opens a case; the evidence they cite must exist.</summary>
    public async Task<AccountabilityCase> ByHandAsync(
        Guid by,
        CaseOrigin origin,
        CaseGround ground,
        IReadOnlyList<string> accusedUserNames,
        string summary,
        IReadOnlyList<Guid> requestIds,
        IReadOnlyList<long> auditEvents,
        IReadOnlyList<string> documents,
        CancellationToken ct
    )
    {
        var names = accusedUserNames.Select(n => (n ?? "").Trim().ToUpperInvariant()).Distinct().ToList();
        var accused = await db.Users.Where(u => names.Contains(u.NormalizedUserName!) && u.Kind == PersonKind.Staff).Select(u => u.Id).ToListAsync(ct);
        if (accused.Count != names.Count)
        {
            throw new InvalidFieldException("accusedUserNames", "Name members of the office's staff by their user names.");
        }
        var ids = requestIds.Distinct().ToList();
        if (await db.Set<ServiceRequest>().CountAsync(r => ids.Contains(r.Id), ct) != ids.Count)
        {
            throw new InvalidFieldException("requestIds", "No such request.");
        }
        var seqs = auditEvents.Distinct().ToList();
        if (await db.Set<AuditEvent>().CountAsync(e => seqs.Contains(e.Sequence), ct) != seqs.Count)
        {
            throw new InvalidFieldException("auditEvents", "No such audit event.");
        }
        var docs = documents.Select(d => (d ?? "").Trim()).Distinct().ToList();
        if (docs.Any(d => d.Length == 0 || d.Length > CaseEvidence.RefMaxLength))
        {
            throw new InvalidFieldException("documents", $"A document is cited by a reference of 1 to {CaseEvidence.RefMaxLength} characters.");
        }
        var evidence = ids.Select(i => new CaseEvidence(EvidenceKind.Request, i.ToString()))
            .Concat(seqs.Select(s => new CaseEvidence(EvidenceKind.AuditEvent, s.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Concat(docs.Select(d => new CaseEvidence(EvidenceKind.Document, d)));
        return await OpenAsync(AccountabilityCase.Open(origin, ground, accused, summary, evidence, by, null, Now), audit.Record, ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<AccountabilityCase> OpenAsync(AccountabilityCase c, Func<string, string, object, object?, string?, AuditEvent> record, CancellationToken ct)
    {
        db.Add(c);
        record(Opened, AccountabilityCase.SubjectType, c.Id, new { origin = c.Origin.ToString(), ground = c.Ground.ToString(), accused = c.Accused.Select(a => a.UserId) }, null);
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        outbox.Notify([.. c.Accused.Select(a => a.UserId), .. director is { } d ? new[] { d } : []], Opened, AccountabilityCase.SubjectType, c.Id);
        return c;
    }
}
