using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Clock;
using Microsoft.EntityFrameworkCore;

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
            RefuseUnsafeConfiguration(config, app.Services);
        }
        var migrate = config.GetValue<bool?>("Database:MigrateOnStart") ?? !env.IsProduction();
        if (migrate)
        {
            await DataModule.MigrateAsync(app.Services);
        }
        if (env.IsProduction())
        {
            await RefuseUnsafeDatabaseAsync(app.Services);
        }
        var seed = config.GetValue<bool?>("Houqin:Demo:Seed") ?? env.IsDevelopment();
        if (seed && !env.IsProduction())
        {
            await DemoCampus.SeedAsync(app.Services, config);
        }
    }

    private static void RefuseUnsafeConfiguration(IConfiguration config, IServiceProvider services)
    {
        if (config["Houqin:Demo:Password"] is { Length: > 0 } || config.GetValue<bool>("Houqin:Demo:Seed"))
        {
            Refuse("demo accounts are configured (Houqin:Demo:Password or Houqin:Demo:Seed); remove them.");
        }
        if (services.GetService<ManualClock>() is not null)
        {
            Refuse("the manual test clock is configured (Houqin:Clock:Mode=Manual); remove it.");
        }
        // detailedErrors is the host's switch (ASPNETCORE_DETAILEDERRORS) for exception details in responses.
        if (config.GetValue<bool>("detailedErrors") || config.GetValue<bool>("Houqin:Web:DeveloperExceptionPage"))
        {
            Refuse("the developer exception page is enabled (DetailedErrors or Houqin:Web:DeveloperExceptionPage); turn it off.");
        }
    }

    private static async Task RefuseUnsafeDatabaseAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        await db.Database.OpenConnectionAsync();
        try
        {
            var journal = await ScalarAsync(db, "PRAGMA journal_mode");
            var synchronous = await ScalarAsync(db, "PRAGMA synchronous");
            if (SqliteProblem(journal, synchronous) is { } problem)
            {
                Refuse(problem);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite is durable only in WAL mode with synchronous=FULL (2); anything else loses acknowledged writes.</summary>
    public static string? SqliteProblem(string journalMode, string synchronous)
    {
        if (!journalMode.Equals("wal", StringComparison.OrdinalIgnoreCase))
        {
            return $"SQLite journal_mode is '{journalMode}', not WAL.";
        }
        if (synchronous is not ("2" or "3"))
        {
            return $"SQLite synchronous is {synchronous}, not FULL (2).";
        }
        return null;
    }

    private static async Task<string> ScalarAsync(AppDbContext db, string sql)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void Refuse(string why) =>
        throw new InvalidOperationException("Production refuses to start: " + why);
}
