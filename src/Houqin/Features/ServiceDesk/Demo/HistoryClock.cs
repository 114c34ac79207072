namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>
/// The clock the history is written on: moved forward step by step, so every audit event, deadline and
/// entity carries the historical instant it happened at. Used only by <see cref="DemoHistory"/>.
/// </summary>
internal sealed class HistoryClock(DateTime start) : TimeProvider
{
    public DateTime Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
}
