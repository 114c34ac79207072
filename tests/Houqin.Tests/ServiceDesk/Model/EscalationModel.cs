using System.Globalization;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Policies;

namespace Houqin.Tests.ServiceDesk.Model;

/// <summary>
/// The independent expectation of when and whether each request must climb, written from the policy's times, the
/// model's own calendar and the rules of docs/decisions/0006 (not from the server's deadlines table): commitments
/// count from intake; a missed acknowledge, hand-off or resolve flags the request overdue and climbs one rung (passing
/// a rung whose person is already on the request, ADR 0031); a missed arrival only flags it; each rung below the director has its time to act, counted from the sweep that
/// added it, after which it climbs again while what the ladder waits for has not happened; at the director it stops.
/// </summary>
internal sealed class EscalationModel(ModelCalendar calendar, IReadOnlyList<PolicyDuration> rungTimes, PolicyDuration handOffTime)
{
    public const string Acknowledge = "acknowledge";
    public const string Arrive = "arrive";
    public const string Resolve = "resolve";
    public const string HandOff = "handoff";
    public const string Ladder = "ladder";
    public const int Director = 3;

    private long order;

    public Dictionary<Guid, RequestModel> Requests { get; } = [];

    public DateTime Due(ModelTarget target, DateTime from, WorkingPlace place) =>
        target.RoundTheClock
            ? from + TimeSpan.FromMinutes(target.Minutes)
            : calendar.Current.AddWorkingTime(from, TimeSpan.FromMinutes(target.Minutes), place).Utc;

    /// <summary>A hand-off's or a rung's time runs on the request's own clock: round the clock when its commitments do.</summary>
    private DateTime Due(RequestModel r, PolicyDuration time, DateTime from) =>
        Due(r.RoundTheClock ? new ModelTarget((int)time.Wall.TotalMinutes, true) : new ModelTarget(time.WorkingMinutes, false), from, r.Place);

    /// <summary>A call the front desk logged (and owns); <paramref name="handler"/> is whom the receiving post gave it to.</summary>
    public RequestModel Created(Guid id, string number, WorkingPlace place, string?[] rungs, (ModelTarget Ack, ModelTarget Arrive, ModelTarget Resolve) targets, string handler, DateTime now)
    {
        var r = new RequestModel(id, number, place, rungs, now)
        {
            Handler = handler,
            AcknowledgeBy = Due(targets.Ack, now, place),
            ArriveBy = Due(targets.Arrive, now, place),
            ResolveBy = Due(targets.Resolve, now, place),
            RoundTheClock = targets.Ack.RoundTheClock,
        };
        Schedule(r, Acknowledge, r.AcknowledgeBy);
        Schedule(r, Arrive, r.ArriveBy);
        Schedule(r, Resolve, r.ResolveBy);
        Requests[id] = r;
        Note(r, now, $"created: ack by {Local(r.AcknowledgeBy)}, arrive by {Local(r.ArriveBy)}, resolve by {Local(r.ResolveBy)}");
        return r;
    }

    // The steps, as the rules say they change the request; each ends by dropping the timers its new state satisfies.

    public void Acknowledged(RequestModel r, DateTime now)
    {
        (r.Status, r.Acknowledged) = (ModelStatus.Acknowledged, true);
        Stop(r, Waiting.Acknowledgement);
        Step(r, now, "acknowledged");
    }

    public void HandedOff(RequestModel r, string receiver, DateTime now)
    {
        if (r.Status == ModelStatus.HandedOff && r.Waiting == Waiting.HandOffAcceptance)
        {
            // Re-routing settles the pending hand-off's acceptance only, not an acknowledgement still owed.
            r.Waiting = Waiting.None;
        }
        (r.Status, r.Receiver, r.HandOffDue) = (ModelStatus.HandedOff, receiver, Due(r, handOffTime, now));
        Cancel(r, HandOff);
        Schedule(r, HandOff, r.HandOffDue.Value);
        Step(r, now, $"handed off to {receiver}, accept by {Local(r.HandOffDue.Value)}");
    }

    public void Accepted(RequestModel r, DateTime now)
    {
        (r.Handler, r.Acknowledged, r.Status) = (r.Receiver!, true, ModelStatus.Acknowledged);
        ClearHandOff(r);
        Stop(r, Waiting.HandOffAcceptance);
        Step(r, now, $"accepted by {r.Handler}");
    }

    public void Declined(RequestModel r, DateTime now)
    {
        // A declined hand-off returns to the first-contact owner: the front desk, who logged it.
        (r.Handler, r.Status) = ("frontdesk", r.Acknowledged ? ModelStatus.Acknowledged : ModelStatus.Submitted);
        var by = r.Receiver;
        ClearHandOff(r);
        if (r.Waiting == Waiting.HandOffAcceptance)
        {
            r.Waiting = Waiting.None;
        }
        Step(r, now, $"declined by {by}");
    }

    public void ArrivedOnSite(RequestModel r, DateTime now)
    {
        (r.Status, r.Arrived) = (ModelStatus.OnSite, true);
        Step(r, now, "arrived");
    }

    public void Paused(RequestModel r, DateTime now, bool paused)
    {
        r.Status = paused ? ModelStatus.Paused : ModelStatus.OnSite;
        Step(r, now, paused ? "paused" : "resumed");
    }

    public void Completed(RequestModel r, DateTime now)
    {
        (r.Status, r.ExtensionAskedFor) = (ModelStatus.Completed, null);
        r.Waiting = Waiting.None;
        Step(r, now, "completed");
    }

    public void ExtensionAsked(RequestModel r, DateTime to, DateTime now)
    {
        r.ExtensionAskedFor = to;
        Step(r, now, $"extension asked to {Local(to)}");
    }

    public void ExtensionRuled(RequestModel r, bool approved, DateTime now)
    {
        if (approved)
        {
            r.ResolveBy = r.ExtensionAskedFor!.Value;
            if (r.Waiting == Waiting.Resolution)
            {
                r.Waiting = Waiting.None;
            }
            Cancel(r, Resolve);
            Schedule(r, Resolve, r.ResolveBy);
        }
        r.ExtensionAskedFor = null;
        Step(r, now, approved ? $"extension approved: resolve by {Local(r.ResolveBy)}" : "extension rejected");
    }

    /// <summary>The sweep at <paramref name="now"/>: every timer due by then fires, in due order, and says what it wrote.</summary>
    public List<Expected> Sweep(DateTime now)
    {
        var written = new List<Expected>();
        foreach (var r in Requests.Values.Where(r => r.Timers.Count > 0))
        {
            while (r.Timers.Where(t => t.Due <= now).OrderBy(t => t.Due).ThenBy(t => t.Order).FirstOrDefault() is { } t)
            {
                r.Timers.Remove(t);
                Fire(r, t.Kind, now, written);
            }
        }
        return written;
    }

    private void Fire(RequestModel r, string kind, DateTime now, List<Expected> written)
    {
        switch (kind)
        {
            case Acknowledge when r.IsOpen && !r.Acknowledged:
                Missed(r, Acknowledge, Waiting.Acknowledgement, now, written);
                break;
            case Arrive when r.IsOpen && !r.Arrived:
                Missed(r, Arrive, Waiting.None, now, written);
                break;
            case Resolve when r.IsOpen && now >= r.ResolveBy:
                Missed(r, Resolve, Waiting.Resolution, now, written);
                break;
            case HandOff when r.Receiver is not null && now >= r.HandOffDue:
                Missed(r, HandOff, Waiting.HandOffAcceptance, now, written);
                break;
            case Ladder when r.IsOpen && r.Waiting != Waiting.None:
                Climb(r, r.Waiting, "not_acted_on", now, written);
                break;
        }
    }

    private void Missed(RequestModel r, string commitment, Waiting cause, DateTime now, List<Expected> written)
    {
        r.Overdue = true;
        written.Add(new Expected(r.Id, "overdue", 0, commitment));
        Note(r, now, $"sweep: {commitment} missed");
        if (cause != Waiting.None)
        {
            Climb(r, cause, commitment + "_overdue", now, written);
        }
    }

    private void Climb(RequestModel r, Waiting cause, string reason, DateTime now, List<Expected> written)
    {
        var above = Enumerable.Range(r.Level + 1, Math.Max(0, Director - r.Level)).Where(l => r.Rungs[l - 1] is not null).ToList();
        if (above.Count == 0)
        {
            return;
        }
        // A rung whose person is already on the request (its handler, the front desk that owns it, a co-owner, the
        // receiver of its pending hand-off) is passed; with nobody left above to add, the top rung is reached by its own
        // person (ADR 0031).
        bool OnIt(string p) => p == r.Handler || p == r.Receiver || p == "frontdesk" || r.CoOwners.Contains(p);
        var level = above.FirstOrDefault(l => !OnIt(r.Rungs[l - 1]!), above[^1]);
        if (!OnIt(r.Rungs[level - 1]!))
        {
            r.CoOwners.Add(r.Rungs[level - 1]!);
        }
        r.Level = level;
        if (cause > r.Waiting)
        {
            r.Waiting = cause;
        }
        written.Add(new Expected(r.Id, "escalated", level, reason));
        Cancel(r, Ladder);
        var next = "";
        if (r.Waiting != Waiting.None && level < Director)
        {
            var due = Due(r, rungTimes[level - 1], now);
            Schedule(r, Ladder, due);
            next = $", next rung due {Local(due)}";
        }
        Note(r, now, $"sweep: escalated to {level} ({reason}), waiting for {r.Waiting}{next}");
    }

    private static void ClearHandOff(RequestModel r) => (r.Receiver, r.HandOffDue) = (null, null);

    /// <summary>What the ladder waited for happened: it stops if this settles it (a stronger cause stays).</summary>
    private static void Stop(RequestModel r, Waiting done)
    {
        if (r.Waiting != Waiting.None && r.Waiting <= done)
        {
            r.Waiting = Waiting.None;
        }
    }

    private void Step(RequestModel r, DateTime now, string what)
    {
        r.Timers.RemoveAll(t => Satisfied(t.Kind, r));
        Note(r, now, what);
    }

    private static bool Satisfied(string kind, RequestModel r) =>
        kind switch
        {
            Acknowledge => r.Acknowledged || !r.IsOpen,
            Arrive => r.Arrived || !r.IsOpen,
            Resolve => !r.IsOpen,
            HandOff => r.Receiver is null,
            Ladder => r.Waiting == Waiting.None || !r.IsOpen,
            _ => false,
        };

    private void Schedule(RequestModel r, string kind, DateTime due) => r.Timers.Add(new ModelTimer(kind, due, order++));

    private static void Cancel(RequestModel r, string kind) => r.Timers.RemoveAll(t => t.Kind == kind);

    private static void Note(RequestModel r, DateTime now, string what) => r.History.Add($"{Local(now)} {what}");

    public static string Local(DateTime utc) => WorkingCalendar.ToLocal(utc).ToString("yyyy-MM-dd ddd HH:mm", CultureInfo.InvariantCulture);
}
