namespace Houqin.Infrastructure.Outbox;

/// <summary>What an external channel is given to send: the notice's facts, never pre-rendered text.</summary>
public sealed record OutgoingNotice(Guid DeliveryId, Guid NoticeId, Guid RecipientId, string Kind, string SubjectType, Guid SubjectId, IReadOnlyDictionary<string, string> Args);

/// <summary>
/// A way of reaching people outside the app (mail, SMS, WeCom/DingTalk robots): the outbox's external seam.
/// Every registered channel gets a delivery row for every notice; the dispatcher sends it with retries, quiet
/// hours and the channel's rate limit. A channel that cannot reach a recipient (no address on file) returns
/// without sending; one that fails throws, and is tried again later.
/// </summary>
public interface INotificationChannel
{
    /// <summary>Stable name stored on each delivery row, e.g. <c>mail</c>.</summary>
    string Name { get; }

    /// <summary>At most this many sends a minute, across the process (the peer's limits, and politeness).</summary>
    int PerMinute { get; }

    Task SendAsync(OutgoingNotice notice, CancellationToken ct);
}
