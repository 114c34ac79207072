using Houqin.Infrastructure.Clock;

namespace Houqin.Infrastructure.Deadlines;

/// <summary>
/// Sweeps every <c>Houqin:Deadlines:SweepInterval</c> (default 1 s: a due timer waits at most that long, and an idle
/// sweep costs about a millisecond over a large backlog, bench/sweeper.sh). With the manual clock it stays idle
/// (time only moves, and deadlines only fire, when a test advances the clock) unless
/// <c>Houqin:Deadlines:Background</c> is set to true; that setting set to false turns it off anywhere.
/// </summary>
internal sealed class DeadlineSweepService(
    DeadlineSweeper sweeper,
    TimeProvider clock,
    IConfiguration config,
    ILogger<DeadlineSweepService> log
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = config.GetValue<bool?>("Houqin:Deadlines:Background") ?? clock is not ManualClock;
        if (!enabled)
        {
            return;
        }
        var interval = config.GetValue("Houqin:Deadlines:SweepInterval", TimeSpan.FromSeconds(1));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await sweeper.SweepAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Deadline sweep failed; trying again in {Interval}", interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
