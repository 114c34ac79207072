using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Houqin.Data;

/// <summary>
/// Writes the rows a unit of work has modified as one UPDATE per table and set of changed columns, the new values
/// joined in from a <c>VALUES</c> list, then marks them saved (ADR 0015). For the units of work that change many rows
/// the same way — a run of the deadline sweeper escalating a hundred requests — where EF Core's command per row
/// (parsed, bound and read back one by one) costs several times what the database does.
/// </summary>
/// <remarks>
/// A row's concurrency tokens are checked as SaveChanges checks them: if any row's stored version moved on, fewer
/// rows are updated than asked and a <see cref="DbUpdateConcurrencyException"/> is thrown, leaving the caller's
/// transaction to roll back. The same limits as <see cref="AddedRows"/>: inside the caller's transaction, plain
/// tables only, no SaveChanges interceptors run (callers change no type one watches). Added rows must be written
/// first (a change may point at them); deleted rows are left to SaveChanges.
/// </remarks>
public static class ModifiedRows
{
    /// <summary>Updates every modified row the context tracks and marks it unchanged; returns how many were written.</summary>
    public static async Task<int> UpdateAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Modified rows are updated inside the unit of work's transaction.");
        }
        var tracked = db.ChangeTracker.Entries().ToList();
        var modified = tracked.Where(e => e.State == EntityState.Modified).ToList();
        if (modified.Count == 0)
        {
            return 0;
        }
        if (tracked.Any(e => e.State == EntityState.Added))
        {
            throw new InvalidOperationException("Added rows are written before modified ones (AddedRows.InsertAsync).");
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var shapes = modified
            .Select(e => (Row: e, Table: MappedTable.For(e.Metadata, sql)))
            .Select(r => (r.Row, r.Table, Changed: r.Table.ChangedIn(r.Row)))
            .GroupBy(r => (r.Table, Columns: string.Join(",", r.Changed.Select(c => c.Name))));
        foreach (var shape in shapes)
        {
            var (table, changed) = (shape.Key.Table, shape.First().Changed);
            var rows = shape.Select(r => r.Row).ToList();
            var perStatement = Math.Max(1, MappedTable.MaxParameters(db) / (table.Key.Count + table.Tokens.Count + changed.Count));
            foreach (var chunk in rows.Chunk(perStatement))
            {
                var what = $"Updating {chunk.Length} rows of {table.Name}";
                var written = await MappedTable.ExecuteAsync(db, table.Update(changed, chunk, factory, sql), what, ct);
                if (written != chunk.Length)
                {
                    throw new DbUpdateConcurrencyException($"{what} changed {written}: another unit of work changed some of them first.");
                }
            }
        }
        foreach (var entry in modified)
        {
            // Saved: what it holds now is what is stored (the new version is the one a later change must match).
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }
        return modified.Count;
    }
}
