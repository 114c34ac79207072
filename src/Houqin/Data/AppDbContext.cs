using Houqin.Features.Organisation;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Data;

/// <summary>
/// The one EF Core model. Each module contributes its tables through <see cref="IEntityTypeConfiguration{T}"/>
/// classes in its own folder, so modules never edit this file to add an entity; use <c>db.Set&lt;T&gt;()</c>.
/// Provider specifics live in <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/>,
/// each with its own generated migrations.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<User, Role, Guid>(options),
        IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Which provider this context talks to, for the few places that need provider SQL.</summary>
    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Instants are stored as UTC everywhere and read back as UTC kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
