using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Houqin.Data;

/// <summary>
/// <c>Database:Provider</c> = <c>Sqlite</c> (default, file <c>data/houqin.db</c>) or <c>Postgres</c>;
/// <c>ConnectionStrings:Houqin</c> overrides the connection.
/// </summary>
public static class DataModule
{
    public const string DefaultSqlite = "Data Source=data/houqin.db";

    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration config)
    {
        var provider = config["Database:Provider"] ?? "Sqlite";
        // Pooled: building a context (and resolving its services) per request cost more than an authenticated
        // request's queries. Contexts hold no per-request state beyond what EF resets when one is returned.
        var connection = config.GetConnectionString("Houqin");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(
                (sp, o) =>
                    o.UseNpgsql(PreparingStatements(connection ?? throw new InvalidOperationException("ConnectionStrings:Houqin is required for Postgres.")))
                        .AddInterceptors(sp.GetServices<IInterceptor>())
            );
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var cs = connection ?? DefaultSqlite;
            EnsureDirectory(cs);
            // Modules add their own interceptors as IInterceptor singletons (e.g. the intake's organisation cache).
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(
                (sp, o) => o.UseSqlite(cs).AddInterceptors(SqlitePragmas.Instance).AddInterceptors(sp.GetServices<IInterceptor>())
            );
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        }
        return services;
    }

    /// <summary>
    /// Statements a connection runs again and again are prepared on it (Npgsql's automatic preparation), unless the
    /// operator's connection string says otherwise (<c>Max Auto Prepare=0</c> behind a transaction-mode pooler).
    /// PostgreSQL otherwise parses and plans every call's queries afresh, and planning a query over
    /// <c>service_requests</c>, with its many (partial) indexes, costs more than running it (docs/performance.md).
    /// </summary>
    internal static string PreparingStatements(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 256, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    private static void EnsureDirectory(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir) && file != ":memory:")
        {
            Directory.CreateDirectory(dir);
        }
    }

    /// <summary>Applies pending migrations (the <c>houqin migrate</c> verb and Development start-up).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Before the first table exists, so even the migration itself runs in WAL.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
        foreach (var step in scope.ServiceProvider.GetServices<IAfterMigrate>())
        {
            await step.ApplyAsync(db, ct);
        }
    }
}

/// <summary>
/// Database objects EF migrations cannot express (triggers, full-text indexes), applied idempotently after
/// every migration on both providers. Register with <c>services.AddSingleton&lt;IAfterMigrate, X&gt;()</c>.
/// </summary>
public interface IAfterMigrate
{
    Task ApplyAsync(AppDbContext db, CancellationToken ct);
}

/// <summary>
/// WAL with <c>synchronous=FULL</c>: an acknowledged commit survives power loss. Foreign keys on,
/// and a busy timeout so concurrent writers wait rather than fail.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    // Per connection: these do not persist in the file. WAL does, so it is set once at migration
    // (DataModule.MigrateAsync) rather than on every open, which would take a write lock each time.
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    // Microsoft.Data.Sqlite pools the native connections: the pragmas stick to a native handle, so they run on
    // its first open only. Preparing these three statements on every open cost about a fifth of a small query.
    private readonly ConditionalWeakTable<object, object> configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection))
        {
            return;
        }
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        if (IsConfigured(connection))
        {
            return;
        }
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && configured.TryGetValue(handle, out _);

    private void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            configured.AddOrUpdate(handle, this);
        }
    }
}
