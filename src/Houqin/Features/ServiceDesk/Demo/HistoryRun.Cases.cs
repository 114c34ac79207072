using Houqin.Features.Accountability;
using Houqin.Features.ServiceDesk.Feedback;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>
/// The accountability case an upheld complaint opens, played as the office would: the director names the auditor
/// to investigate, the accused answers in writing, the auditor decides. Each step through the case's own method,
/// audited as its actor at its instant.
/// </summary>
internal sealed partial class HistoryRun
{
    public void OpenCase(Func<Complaint?> complaint, DateTime at, string by, Action<AccountabilityCase> opened) =>
        At(at, () =>
        {
            if (complaint() is not { Upheld: true } k)
            {
                return;
            }
            var c = AccountabilityCase.Open(
                CaseOrigin.Complaint,
                CaseGround.UpheldComplaint,
                [k.StaffId],
                k.Text,
                [new CaseEvidence(EvidenceKind.Request, k.RequestId.ToString())],
                Id(by),
                k.Id,
                clock.Now
            );
            db.Add(c);
            audit.RecordAs(by, CaseIntake.Opened, AccountabilityCase.SubjectType, c.Id, new { origin = c.Origin.ToString(), ground = c.Ground.ToString(), accused = c.Accused.Select(a => a.UserId) });
            opened(c);
        });

    public void InvestigateCase(Func<AccountabilityCase?> kase, DateTime at, string by, string investigator) =>
        CaseStep(kase, at, by, CaseSteps.InvestigatorAssigned, c => c.AssignInvestigator(Id(by), Id(investigator), Complaint.AnswerDue(clock.Now, Sanctions.AnswerWorkingDays, calendar)));

    public void AnswerCase(Func<AccountabilityCase?> kase, DateTime at, string accused, string answer) =>
        CaseStep(kase, at, accused, CaseSteps.Answered, c => c.AnswerInWriting(Id(accused), answer, clock.Now));

    public void DecideCase(Func<AccountabilityCase?> kase, DateTime at, string investigator, CaseDecision decision, Sanction sanction, string findings) =>
        CaseStep(kase, at, investigator, CaseSteps.Decided, c => c.Decide(Id(investigator), decision, sanction, null, findings, Sanctions, clock.Now));

    private void CaseStep(Func<AccountabilityCase?> kase, DateTime at, string by, string action, Action<AccountabilityCase> step) =>
        At(at, () =>
        {
            if (kase() is not { } c)
            {
                return;
            }
            step(c);
            audit.RecordAs(
                by,
                action,
                AccountabilityCase.SubjectType,
                c.Id,
                new { status = c.Status.ToString(), investigator = c.InvestigatorId, decision = c.Decision?.ToString(), sanction = c.Sanction.ToString(), c.PenaltyPoints }
            );
        });
}
