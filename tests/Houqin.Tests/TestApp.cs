using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Houqin.Tests;

/// <summary>
/// The real application on a fresh database of its own: a copy of a migrated and seeded template
/// (SQLite file, or a PostgreSQL database created from a template when <c>HOUQIN_TEST_POSTGRES</c> holds a
/// server connection string). The clock is manual, starting at <see cref="DefaultStart"/> unless told otherwise.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    /// <summary>Monday 2026-11-30 09:00 in Asia/Shanghai: a working day, office hours.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("HOUQIN_TEST_POSTGRES");
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? templateConnection;

    private readonly Dictionary<string, string?> settings = new(StringComparer.Ordinal);
    private string connectionString = "";
    private string? sqliteDir;
    private string? postgresDatabase;

    public static bool OnPostgres => !string.IsNullOrEmpty(PostgresServer);

    public TestApp Configure(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>The application on a fresh copy of the seeded demo database.</summary>
    public static async Task<TestApp> StartAsync(DateTimeOffset? clockStart = null, bool kestrel = false)
    {
        var app = new TestApp();
        await app.PrepareDatabaseAsync();
        app.Configure("Houqin:Clock:Start", (clockStart ?? DefaultStart).ToString("O"));
        if (kestrel)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        return app;
    }

    /// <summary>
    /// A restart: a new application on this one's database with the same settings and its clock at
    /// <paramref name="clock"/>. Dispose this one first; the new one owns the database (and deletes it) from now on.
    /// </summary>
    public TestApp Reopen(DateTimeOffset clock)
    {
        var next = new TestApp
        {
            connectionString = connectionString,
            sqliteDir = sqliteDir,
            postgresDatabase = postgresDatabase,
        };
        foreach (var (k, v) in settings)
        {
            next.settings[k] = v;
        }
        next.Configure("Houqin:Clock:Start", clock.ToString("O"));
        (sqliteDir, postgresDatabase) = (null, null);
        return next;
    }

    /// <summary>Base address of the Kestrel server (only for apps started with <c>kestrel: true</c>).</summary>
    public Uri ServerAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Houqin:Clock:Mode", "Manual");
        builder.UseSetting("Houqin:Demo:Seed", "false");
        builder.UseSetting("Houqin:Demo:History", "false");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Database:Provider", OnPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Houqin", connectionString);
        // Tests make many requests within one minute of the manual clock; IntakeLimitTests set their own limits.
        builder.UseSetting("Houqin:RateLimits:IntakePerUserPerMinute", "100000");
        builder.UseSetting("Houqin:RateLimits:IntakePerStaffPerMinute", "100000");
        builder.UseSetting("Houqin:RateLimits:IntakePerIpPerMinute", "100000");
        foreach (var (k, v) in settings)
        {
            builder.UseSetting(k, v);
        }
    }

    private async Task PrepareDatabaseAsync()
    {
        var template = await EnsureTemplateAsync();
        if (OnPostgres)
        {
            postgresDatabase = "houqin_t_" + Guid.NewGuid().ToString("N")[..16];
            await ExecutePostgresAsync($"CREATE DATABASE {postgresDatabase} TEMPLATE {template}");
            connectionString = PostgresConnection(postgresDatabase);
        }
        else
        {
            sqliteDir = Directory.CreateTempSubdirectory("houqin-test-").FullName;
            var file = Path.Combine(sqliteDir, "houqin.db");
            File.Copy(template, file);
            connectionString = $"Data Source={file}";
        }
    }

    /// <summary>Builds the seeded template once per test run; every test copies it.</summary>
    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (templateConnection is not null)
            {
                return templateConnection;
            }
            string target;
            string cs;
            if (OnPostgres)
            {
                target = "houqin_template_" + Environment.ProcessId;
                await ExecutePostgresAsync($"DROP DATABASE IF EXISTS {target}");
                await ExecutePostgresAsync($"CREATE DATABASE {target}");
                cs = PostgresConnection(target);
            }
            else
            {
                var dir = Directory.CreateTempSubdirectory("houqin-template-").FullName;
                target = Path.Combine(dir, "template.db");
                cs = $"Data Source={target}";
            }
            using (var seeder = new TestApp())
            {
                seeder.connectionString = cs;
                seeder.Configure("Houqin:Demo:Seed", "true");
                seeder.Configure("Houqin:Clock:Start", DefaultStart.AddDays(-1).ToString("O"));
                _ = seeder.Services; // builds the host: migrates and seeds
            }
            if (OnPostgres)
            {
                NpgsqlConnection.ClearAllPools();
            }
            else
            {
                SqliteConnection.ClearAllPools();
                await using var c = new SqliteConnection(cs);
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
                await cmd.ExecuteNonQueryAsync();
                await c.CloseAsync();
                SqliteConnection.ClearAllPools();
            }
            templateConnection = target;
            return target;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    /// <summary>A connection to a database that does not exist on the test server.</summary>
    public static string UnusedPostgresDatabase() => PostgresConnection("houqin_missing_" + Guid.NewGuid().ToString("N")[..8]);

    private static string PostgresConnection(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;

    private static async Task ExecutePostgresAsync(string sql)
    {
        await using var c = new NpgsqlConnection(PostgresConnection("postgres"));
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (sqliteDir is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteDir, recursive: true);
            }
            catch (IOException) { }
        }
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecutePostgresAsync($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)");
        }
    }
}
