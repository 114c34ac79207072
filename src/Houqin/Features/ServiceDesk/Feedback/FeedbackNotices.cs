using Houqin.Infrastructure.Outbox;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>The notices of ratings, complaints and return visits: each names the request by its number.</summary>
public sealed class FeedbackNotices(Outbox outbox)
{
    public const string ComplaintSubject = "Complaint";

    public void Tell(IEnumerable<Guid> recipients, string kind, ServiceRequest request) =>
        outbox.Notify(recipients.Distinct(), kind, Intake.SubjectType, request.Id, Args(request.Number));

    /// <summary>The request goes along (<c>request</c>): complaints are read and answered on the request's page, which is where the notice leads.</summary>
    public void TellAboutComplaint(IEnumerable<Guid> recipients, string kind, Complaint complaint)
    {
        var args = Args(complaint.Number);
        args[ComplaintRequestArg] = complaint.RequestId.ToString();
        outbox.Notify(recipients.Distinct(), kind, ComplaintSubject, complaint.Id, args);
    }

    /// <summary>The argument of a complaint's notice naming its request.</summary>
    public const string ComplaintRequestArg = "request";

    private static Dictionary<string, string> Args(string number) => new(StringComparer.Ordinal) { ["number"] = number };
}
