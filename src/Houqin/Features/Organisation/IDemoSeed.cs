namespace Houqin.Features.Organisation;

/// <summary>
/// More demo data that other modules add once the demo campus exists (e.g. the service desk's history).
/// Registered as singletons; each runs after <see cref="DemoCampus"/> at every demo start-up and must itself
/// do nothing when its data is already there.
/// </summary>
public interface IDemoSeed
{
    Task SeedAsync(IServiceProvider services, IConfiguration config, CancellationToken ct);
}
