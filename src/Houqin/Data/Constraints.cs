using Microsoft.EntityFrameworkCore;

namespace Houqin.Data;

/// <summary>
/// What the database would refuse, found before it does (lengths) or recognised when it does (unique keys),
/// so a form can say so instead of a 500. SQLite ignores declared lengths; PostgreSQL enforces them.
/// </summary>
public static class Constraints
{
    /// <summary>The string properties about to be written that are longer than the model allows: (entity, property, max).</summary>
    public static IEnumerable<(string Entity, string Property, int Max)> TooLong(DbContext db) =>
        from e in db.ChangeTracker.Entries()
        where e.State is EntityState.Added or EntityState.Modified
        from p in e.Properties
        let max = p.Metadata.GetMaxLength()
        where max is not null && p.CurrentValue is string s && s.Length > max
        select (e.Metadata.ClrType.Name, p.Metadata.Name, max!.Value);

    /// <summary>A unique index refused the row: someone else saved the same key first.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException switch
        {
            Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
            Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            _ => false,
        };

    /// <summary>
    /// Two people changed the same thing at the same moment and the database kept the first: a stale
    /// concurrency token, or a unique key saved first by the other. Answered as a conflict to retry, not a 500,
    /// wherever a feature did not catch it itself.
    /// </summary>
    public static bool IsConcurrentChange(Exception e) =>
        e is DbUpdateConcurrencyException || (e is DbUpdateException u && IsUniqueViolation(u));
}
