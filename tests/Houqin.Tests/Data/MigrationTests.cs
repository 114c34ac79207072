using Houqin.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Data;

/// <summary>Each provider's generated migrations describe the one model, and bring an empty database to it.</summary>
public class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_SQLite_migrations_are_in_step_with_the_model()
    {
        using var db = new SqliteAppDbContext(
            new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options
        );
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh after changing the model.");
    }

    [Fact]
    public void The_PostgreSQL_migrations_are_in_step_with_the_model()
    {
        using var db = new PostgresAppDbContext(
            new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=unused;Database=unused").Options
        );
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh after changing the model.");
    }

    [Fact]
    public async Task An_empty_database_migrates_to_the_latest_version()
    {
        // The template every test copies is itself an empty database migrated at start-up (TestApp); here the
        // check is explicit: every migration applied, nothing pending.
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
    }

    [Fact]
    public async Task A_new_SQLite_file_runs_in_WAL_with_full_synchronous_commits()
    {
        var dir = Directory.CreateTempSubdirectory("houqin-wal-");
        try
        {
            var cs = $"Data Source={Path.Combine(dir.FullName, "h.db")}";
            var services = new ServiceCollection()
                .AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(cs).AddInterceptors(SqlitePragmas.Instance))
                .BuildServiceProvider();
            await using (services)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await DataModule.MigrateAsync(services, Ct);
                var connection = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync(Ct);
                Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
                Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous")); // 2 = FULL
                Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
