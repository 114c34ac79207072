using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Houqin.Data;

/// <summary>
/// Writes the rows a unit of work has added as multi-row INSERTs, table by table, then stops tracking them
/// (ADR 0015). For the add-heavy units of work that run hot — an intake batch, an audit sealing batch — where EF Core's
/// update pipeline (a command, parameters and a RETURNING read per row) costs more than the database does.
/// </summary>
/// <remarks>
/// The SQL goes through EF's raw-SQL path, so command interceptors and logging see it as they see SaveChanges.
/// Values are converted by each column's own type mapping, as SaveChanges converts them. A database error is thrown
/// as a <see cref="DbUpdateException"/>, as SaveChanges throws it. What it does not do: run SaveChanges interceptors
/// (callers add no type one watches), read back store-generated values (an added row's generated key stays unset),
/// or write owned, split or inherited types (it refuses them). Modified and deleted rows are left to SaveChanges,
/// which the caller still calls; it must run inside the caller's transaction, so all of it commits or none.
/// </remarks>
public static class AddedRows
{
    /// <summary>Inserts every added row the context tracks and detaches it; returns how many were written.</summary>
    public static async Task<int> InsertAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Added rows are inserted inside the unit of work's transaction.");
        }
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return 0;
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var byType = added.GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var type in PrincipalsFirst(byType.Keys))
        {
            var table = MappedTable.For(type, sql);
            var rows = byType[type];
            var columns = table.ColumnsFor(rows[0]);
            if (columns.Count == 0)
            {
                throw new NotSupportedException($"Every column of {table.Name} is generated; save it with SaveChanges.");
            }
            var perStatement = Math.Max(1, MappedTable.MaxParameters(db) / columns.Count);
            foreach (var chunk in rows.Chunk(perStatement))
            {
                var written = await MappedTable.ExecuteAsync(db, table.Insert(columns, chunk, factory, sql), $"Inserting {chunk.Length} rows into {table.Name}", ct);
                if (written != chunk.Length)
                {
                    throw new DbUpdateException($"Inserting {chunk.Length} rows into {table.Name} wrote {written}.");
                }
            }
        }
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }
        return added.Count;
    }

    /// <summary>Tables a row's foreign keys point at are written before it (a request before its search entry).</summary>
    private static List<IEntityType> PrincipalsFirst(IEnumerable<IEntityType> types)
    {
        var left = types.ToList();
        var ordered = new List<IEntityType>(left.Count);
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(t => !t.GetForeignKeys().Any(fk => fk.PrincipalEntityType != t && left.Contains(fk.PrincipalEntityType)))
                ?? throw new NotSupportedException($"Added rows of {string.Join(", ", left.Select(t => t.DisplayName()))} refer to each other in a cycle.");
            ordered.Add(next);
            left.Remove(next);
        }
        return ordered;
    }
}
