using System.Globalization;
using Houqin.Infrastructure.Outbox;

namespace Houqin.Features.ServiceDesk;

/// <summary>Tells the people concerned about a step through the outbox, in the step's unit of work; the number always goes along.</summary>
public sealed class RequestNotices(Outbox outbox)
{
    public void Tell(ServiceRequest r, string kind, IEnumerable<Guid?> recipients, params (string Key, string Value)[] args)
    {
        var to = recipients.OfType<Guid>().Distinct().ToList();
        if (to.Count == 0)
        {
            return;
        }
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["number"] = r.Number };
        foreach (var (k, v) in args)
        {
            all[k] = v;
        }
        outbox.Notify(to, kind, Intake.SubjectType, r.Id, all);
    }

    /// <summary>ISO 8601 UTC, as every <c>resolveBy</c> argument is written; readers format it.</summary>
    public static string Instant(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
