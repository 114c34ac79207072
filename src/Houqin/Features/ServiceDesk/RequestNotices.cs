using System.Globalization;
using Houqin.Infrastructure.Outbox;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// Tells the people concerned about a step through the outbox, in the step's unit of work; the number always goes along.
/// Besides those a step addresses, the first-contact owner, the co-owners and the handler are told of every step
/// (<see cref="Progress"/>): the owner answers for the request until it is done and sees every change (首问负责制).
/// </summary>
public sealed class RequestNotices(Outbox outbox)
{
    /// <summary>A step on a request someone owns, co-owns or handles, told in the step's words (<c>Step_{kind}</c>).</summary>
    public const string Progress = "service_request.progress";

    /// <summary>At intake, to the handler of a request staff logged for a caller: it is theirs, and who logged it for whom.</summary>
    public const string LoggedForYou = "service_request.logged_for_you";

    /// <summary>At intake, to the staff member who logged a request: whom the receiving post gave it to (they still own it).</summary>
    public const string Routed = "service_request.routed";

    /// <summary>To the requester of a request that confirmed itself: it is closed without them, and their rating is still wanted (ADR 0023).</summary>
    public const string AutoConfirmedForYou = "service_request.auto_confirmed_for_you";

    // Notices for the people they name alone. Intake's: nobody else is on the request yet. The requester's own
    // wording of a step: the watchers are told of that step in its own notice.
    private static readonly HashSet<string> NamedAlone = new(StringComparer.Ordinal) { "service_request.assigned", LoggedForYou, Routed, AutoConfirmedForYou };

    // Per unit of work: a step that tells twice (a ladder climb and its hand-off) sends each watcher one progress notice.
    private readonly HashSet<(Guid Request, Guid Person)> told = [];

    /// <summary>Whether a step of <paramref name="kind"/> also tells the owner, co-owners and handler (in <c>Step_{kind}</c>'s words).</summary>
    public static bool TellsWatchers(string kind) => !NamedAlone.Contains(kind);

    public void Tell(ServiceRequest r, string kind, IEnumerable<Guid?> recipients, params (string Key, string Value)[] args)
    {
        var to = recipients.OfType<Guid>().Distinct().ToList();
        to.ForEach(p => told.Add((r.Id, p)));
        if (TellsWatchers(kind))
        {
            var watchers = new[] { r.FirstContactOwnerId, r.HandlerId }.Concat(r.CoOwners).Where(p => p != r.RequesterId && told.Add((r.Id, p))).ToList();
            if (watchers.Count > 0)
            {
                outbox.Notify(watchers, Progress, Intake.SubjectType, r.Id, new Dictionary<string, string>(StringComparer.Ordinal) { ["number"] = r.Number, ["step"] = kind });
            }
        }
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
