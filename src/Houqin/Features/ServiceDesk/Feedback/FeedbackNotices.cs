using Houqin.Infrastructure.Outbox;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>The notices of ratings, complaints and return visits: each names the request by its number.</summary>
public sealed class FeedbackNotices(Outbox outbox)
{
    public const string ComplaintSubject = "Complaint";

    public void Tell(IEnumerable<Guid> recipients, string kind, ServiceRequest request) =>
        outbox.Notify(recipients.Distinct(), kind, Intake.SubjectType, request.Id, Args(request.Number));

    public void TellAboutComplaint(IEnumerable<Guid> recipients, string kind, Complaint complaint) =>
        outbox.Notify(recipients.Distinct(), kind, ComplaintSubject, complaint.Id, Args(complaint.Number));

    private static Dictionary<string, string> Args(string number) => new(StringComparer.Ordinal) { ["number"] = number };
}
