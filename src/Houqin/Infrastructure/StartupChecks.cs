using Houqin.Data;
using Houqin.Features.Organisation;

namespace Houqin;

/// <summary>
/// Runs before the server listens. Development (and tests) migrate and seed the demo campus;
/// Production refuses unsafe settings rather than start with them (QUALITY.md, configuration).
/// </summary>
public static class StartupChecks
{
    public static async Task RunAsync(WebApplication app)
    {
        var config = app.Configuration;
        var env = app.Environment;
        if (env.IsProduction())
        {
            if (config["Houqin:Demo:Password"] is { Length: > 0 } || config.GetValue<bool>("Houqin:Demo:Seed"))
            {
                throw new InvalidOperationException("Production refuses to start with demo accounts configured.");
            }
        }
        var migrate = config.GetValue<bool?>("Database:MigrateOnStart") ?? !env.IsProduction();
        if (migrate)
        {
            await DataModule.MigrateAsync(app.Services);
        }
        var seed = config.GetValue<bool?>("Houqin:Demo:Seed") ?? env.IsDevelopment();
        if (seed && !env.IsProduction())
        {
            await DemoCampus.SeedAsync(app.Services, config);
        }
    }
}
