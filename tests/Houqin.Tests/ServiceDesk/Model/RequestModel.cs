using Houqin.Infrastructure.Calendar;

namespace Houqin.Tests.ServiceDesk.Model;

/// <summary>What the ladder waits for, strongest last, as docs/decisions/0006 orders them.</summary>
internal enum Waiting
{
    None,
    Acknowledgement,
    HandOffAcceptance,
    Resolution,
}

internal enum ModelStatus
{
    Submitted,
    Acknowledged,
    HandedOff,
    OnSite,
    Paused,
    Completed,
}

/// <summary>One of the model's own timers: what falls due when, in the order it was set (ties fire in that order).</summary>
internal sealed record ModelTimer(string Kind, DateTime Due, long Order);

/// <summary>An audit event the model says the sweep must write: escalated (level, reason) or overdue (commitment).</summary>
internal sealed record Expected(Guid Request, string Action, int Level, string Note)
{
    public override string ToString() => Action == "escalated" ? $"escalated to {Level} ({Note})" : $"overdue ({Note})";
}

/// <summary>A commitment's clock: so many minutes of office time, or round the clock.</summary>
internal sealed record ModelTarget(int Minutes, bool RoundTheClock);

/// <summary>One request as the model sees it: its commitments, who may act, where its ladder stands and its timers.</summary>
internal sealed class RequestModel(Guid id, string number, WorkingPlace place, string?[] rungs, DateTime createdAt)
{
    public Guid Id { get; } = id;

    public string Number { get; } = number;

    public WorkingPlace Place { get; } = place;

    /// <summary>Who holds the three rungs (leader, deputy director, director) of the request's team; null where it has none.</summary>
    public string?[] Rungs { get; } = rungs;

    public DateTime CreatedAt { get; } = createdAt;

    /// <summary>Urgent and emergency requests: commitments, hand-offs and rungs all count round the clock.</summary>
    public bool RoundTheClock { get; init; }

    public ModelStatus Status { get; set; }

    public DateTime AcknowledgeBy { get; set; }

    public DateTime ArriveBy { get; set; }

    public DateTime ResolveBy { get; set; }

    public bool Acknowledged { get; set; }

    public bool Arrived { get; set; }

    public string Handler { get; set; } = "";

    public string? Receiver { get; set; }

    public DateTime? HandOffDue { get; set; }

    public DateTime? ExtensionAskedFor { get; set; }

    public int Level { get; set; }

    /// <summary>The rungs' people the ladder added (by user name).</summary>
    public List<string> CoOwners { get; } = [];

    public Waiting Waiting { get; set; }

    public bool Overdue { get; set; }

    public bool IsOpen => Status != ModelStatus.Completed;

    public List<ModelTimer> Timers { get; } = [];

    /// <summary>What happened to it, for the failure message.</summary>
    public List<string> History { get; } = [];
}
