namespace Houqin.Infrastructure.Audit;

/// <summary>
/// Runs the sealer every <c>Houqin:Audit:SealInterval</c> (default 5 s; zero turns it off, e.g. in tests
/// that seal by hand). Taking the signing key in its constructor makes a missing key a start-up error.
/// </summary>
internal sealed class AuditSealerService(AuditSealer sealer, IConfiguration config, ILogger<AuditSealerService> log)
    : BackgroundService
{
    private readonly TimeSpan interval = config.GetValue("Houqin:Audit:SealInterval", TimeSpan.FromSeconds(5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        // Real time on purpose: sealing keeps pace with real commits, whatever the business clock says.
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sealer.SealAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Another node sealing the same leaves, or a passing database fault: the next tick retries.
                log.LogWarning(ex, "Audit sealing failed; retrying at the next interval.");
            }
        }
    }
}
