using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
    /// <summary>
    /// Parameters per statement. SQLite finds each named parameter by a linear search of the statement's names, so
    /// binding costs the square of a statement's parameters: a few hundred keep that below the statement's own cost.
    /// PostgreSQL (65,535 at most) looks names up in a table.
    /// </summary>
    private static int MaxParameters(DbContext db) => db.Database.IsSqlite() ? 240 : 4000;

    // Per model object: a model that is dropped (a test host's) takes its tables with it.
    private static readonly ConditionalWeakTable<IEntityType, Table> Tables = new();

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
            var table = Tables.GetValue(type, t => new Table(t, sql));
            var rows = byType[type];
            var columns = table.ColumnsFor(rows[0]);
            if (columns.Count == 0)
            {
                throw new NotSupportedException($"Every column of {table.Name} is generated; save it with SaveChanges.");
            }
            var perStatement = Math.Max(1, MaxParameters(db) / columns.Count);
            foreach (var chunk in rows.Chunk(perStatement))
            {
                var (text, parameters) = table.Insert(columns, chunk, factory, sql);
                int written;
                try
                {
                    written = await db.Database.ExecuteSqlRawAsync(text, parameters, ct);
                }
                catch (DbException e)
                {
                    throw new DbUpdateException($"Inserting {chunk.Length} rows into {table.Name} failed: {e.Message}", e);
                }
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

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping);

    /// <summary>One entity type's table and columns, worked out once per model.</summary>
    private sealed class Table
    {
        private readonly List<Column> all;

        public string Name { get; }

        public Table(IEntityType type, ISqlGenerationHelper sql)
        {
            var tableName = type.GetTableName();
            if (tableName is null || type.IsOwned() || type.GetTableMappings().Count() != 1 || type.GetDiscriminatorPropertyName() is not null
                || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.GetComplexProperties().Any())
            {
                throw new NotSupportedException($"{type.DisplayName()} is not a plain table; save it with SaveChanges.");
            }
            var store = StoreObjectIdentifier.Table(tableName, type.GetSchema());
            Name = sql.DelimitIdentifier(tableName, type.GetSchema());
            all = type.GetProperties()
                .Select(p => new Column(p, sql.DelimitIdentifier(p.GetColumnName(store)!), p.GetRelationalTypeMapping()))
                .ToList();
        }

        /// <summary>
        /// The columns written: all but those the database generates, as SaveChanges leaves out a generated key still
        /// holding its temporary value. Every row of one statement must agree, which rows of one unit of work do.
        /// </summary>
        public List<Column> ColumnsFor(EntityEntry first) =>
            all.Where(c => c.Property.ValueGenerated == ValueGenerated.Never || !Generated(first, c.Property)).ToList();

        private static bool Generated(EntityEntry row, IProperty p)
        {
            var entry = row.Property(p.Name);
            return entry.IsTemporary || Equals(entry.CurrentValue, p.Sentinel);
        }

        public (string Text, DbParameter[] Parameters) Insert(List<Column> columns, EntityEntry[] rows, DbCommand factory, ISqlGenerationHelper sql)
        {
            var text = new StringBuilder("INSERT INTO ").Append(Name).Append(" (");
            text.AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES ");
            var parameters = new DbParameter[rows.Length * columns.Count];
            var n = 0;
            foreach (var row in rows)
            {
                if (n > 0)
                {
                    text.Append(", ");
                }
                text.Append('(');
                if (!columns.SequenceEqual(ColumnsFor(row)))
                {
                    throw new NotSupportedException($"Rows added to {Name} in one unit of work disagree on which columns the database generates.");
                }
                var values = row.CurrentValues;
                for (var i = 0; i < columns.Count; i++)
                {
                    var c = columns[i];
                    var name = "p" + n;
                    text.Append(i == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    parameters[n++] = c.Mapping.CreateParameter(factory, sql.GenerateParameterName(name), values[c.Property], c.Property.IsNullable);
                }
                text.Append(')');
            }
            return (text.ToString(), parameters);
        }
    }
}
