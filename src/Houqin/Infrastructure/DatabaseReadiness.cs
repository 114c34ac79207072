using Houqin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Houqin;

/// <summary>
/// Ready means the database answers and has every migration applied: a node that cannot reach it, or runs
/// ahead of <c>houqin migrate</c>, takes no traffic. Liveness (<c>/healthz</c>) does not depend on it, so a
/// database outage does not get healthy nodes restarted.
/// </summary>
internal sealed class DatabaseReadiness(AppDbContext db) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
            var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
            return pending.Any()
                ? HealthCheckResult.Unhealthy("The database needs `houqin migrate`.")
                : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
