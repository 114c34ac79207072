using Houqin.Infrastructure.Calendar;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>A team as the history needs it: its post, its hands-on staff and the ladder above it.</summary>
internal sealed record HistoryTeam(Guid Id, string Code, string Post, IReadOnlyList<string> Workers, string? Leader, OfficeChain Chain);

/// <summary>A room and where its working clock runs.</summary>
internal sealed record HistoryRoom(Guid Id, string Code, Organisation.BuildingKind Kind, WorkingPlace Place);

/// <summary>
/// One request of the history before it exists: what it is about, who reports it and when, and (once the
/// simulation reaches its creation) the request itself. Times of its steps are reckoned on its own clock.
/// </summary>
internal sealed class HistoryCase(ServiceCategory category, ServiceCommitment commitment, HistoryTeam team, HistoryRoom room, DateTime created, WorkingCalendar calendar)
{
    public ServiceCategory Category { get; } = category;

    public HistoryTeam Team { get; } = team;

    public HistoryRoom Room { get; } = room;

    public ServiceCommitment Commitment { get; } = commitment;

    public Urgency Urgency => Commitment.Urgency;

    public DateTime Created { get; } = created;

    public CommitmentDeadlines Due { get; } = commitment.DueFrom(created, calendar, room.Place);

    public string Description { get; set; } = "";

    /// <summary>The requester's user name; null when staff logged it for a caller.</summary>
    public string? Requester { get; set; }

    public Channel Channel { get; set; } = Channel.Web;

    public string? CallerName { get; set; }

    public string? CallerPhone { get; set; }

    /// <summary>The first-contact owner: the person on duty at the post, or whoever logged it.</summary>
    public string Owner { get; set; } = "";

    public string Handler { get; set; } = "";

    public ServiceRequest? Request { get; set; }

    public ServiceRequest R => Request ?? throw new InvalidOperationException("The request does not exist yet.");

    /// <summary>A step of it was refused: the rest of its story is dropped rather than forced.</summary>
    public bool Stopped { get; set; }

    /// <summary>Normal requests run on the working clock; urgent ones and emergencies round the clock.</summary>
    public bool OnWorkingClock => Urgency == Urgency.Normal;

    /// <summary>So many minutes after it was made, on its own clock.</summary>
    public DateTime On(int minutes) => After(Created, minutes);

    public DateTime After(DateTime from, int minutes) =>
        OnWorkingClock ? calendar.AddWorkingTime(from, TimeSpan.FromMinutes(minutes), Room.Place).Utc : WorkingCalendar.Add24x7(from, TimeSpan.FromMinutes(minutes));

    /// <summary>Requesters answer in their waking hours: a night-time instant moves to the next morning.</summary>
    public static DateTime Awake(DateTime utc, int minuteOfMorning)
    {
        var local = WorkingCalendar.ToLocal(utc);
        if (local.Hour is >= 8 and < 22)
        {
            return utc;
        }
        var day = DateOnly.FromDateTime(local.DateTime);
        var morning = (local.Hour >= 22 ? day.AddDays(1) : day).ToDateTime(new TimeOnly(8, 0)).AddMinutes(minuteOfMorning);
        return TimeZoneInfo.ConvertTimeToUtc(morning, WorkingCalendar.Zone);
    }
}
