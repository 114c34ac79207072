using Houqin.Infrastructure.Clock;

namespace Houqin.Infrastructure.Outbox;

/// <summary>
/// Dispatches every <c>Houqin:Outbox:Interval</c> (default 10 s). Idle with the manual clock (tests call the
/// dispatcher themselves) unless <c>Houqin:Outbox:Background</c> is true; false turns it off anywhere.
/// </summary>
internal sealed class OutboxDispatchService(OutboxDispatcher dispatcher, TimeProvider clock, IConfiguration config, ILogger<OutboxDispatchService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = config.GetValue<bool?>("Houqin:Outbox:Background") ?? clock is not ManualClock;
        if (!enabled)
        {
            return;
        }
        var interval = config.GetValue("Houqin:Outbox:Interval", TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await dispatcher.DispatchAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Outbox dispatch failed; trying again in {Interval}", interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
