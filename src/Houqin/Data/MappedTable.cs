using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Houqin.Data;

internal sealed record MappedColumn(IProperty Property, string Name, RelationalTypeMapping Mapping)
{
    /// <summary>A parameter holding this column's value, converted by the column's own type mapping as SaveChanges converts it.</summary>
    public DbParameter Parameter(DbCommand factory, ISqlGenerationHelper sql, int n, object? value) =>
        Mapping.CreateParameter(factory, sql.GenerateParameterName("p" + n), value, Property.IsNullable);
}

/// <summary>
/// One entity type's table and columns, worked out once per model, and the multi-row statements written from
/// tracked rows (<see cref="AddedRows"/>, <see cref="ModifiedRows"/>, ADR 0015).
/// </summary>
internal sealed class MappedTable
{
    // Per model object: a model that is dropped (a test host's) takes its tables with it.
    private static readonly ConditionalWeakTable<IEntityType, MappedTable> Tables = new();

    private readonly List<MappedColumn> all;

    public string Name { get; }

    public IReadOnlyList<MappedColumn> Key { get; }

    /// <summary>The columns whose original value must still be stored for a change to apply (a row's version).</summary>
    public IReadOnlyList<MappedColumn> Tokens { get; }

    public static MappedTable For(IEntityType type, ISqlGenerationHelper sql) => Tables.GetValue(type, t => new MappedTable(t, sql));

    /// <summary>
    /// Parameters per statement. SQLite finds each named parameter by a linear search of the statement's names, so
    /// binding costs the square of a statement's parameters; about a hundred keep that below the statement's own cost
    /// (a sweeper run cost 15% more CPU at 240 a statement than at 96 or 48). PostgreSQL (65,535 at most) looks names
    /// up in a table.
    /// </summary>
    public static int MaxParameters(DbContext db) => db.Database.IsSqlite() ? 96 : 4000;

    /// <summary>Runs one statement through EF's raw-SQL path (interceptors and logging see it); a database error is a <see cref="DbUpdateException"/>, as from SaveChanges.</summary>
    public static async Task<int> ExecuteAsync(DbContext db, (string Text, DbParameter[] Parameters) statement, string what, CancellationToken ct)
    {
        try
        {
            return await db.Database.ExecuteSqlRawAsync(statement.Text, statement.Parameters, ct);
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"{what} failed: {e.Message}", e);
        }
    }

    private MappedTable(IEntityType type, ISqlGenerationHelper sql)
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
            .Select(p => new MappedColumn(p, sql.DelimitIdentifier(p.GetColumnName(store)!), p.GetRelationalTypeMapping()))
            .ToList();
        var key = type.FindPrimaryKey()?.Properties ?? throw new NotSupportedException($"{type.DisplayName()} has no key.");
        Key = all.Where(c => key.Contains(c.Property)).ToList();
        Tokens = all.Where(c => c.Property.IsConcurrencyToken && !key.Contains(c.Property)).ToList();
    }

    /// <summary>
    /// The columns written: all but those the database generates, as SaveChanges leaves out a generated key still
    /// holding its temporary value. Every row of one statement must agree, which rows of one unit of work do.
    /// </summary>
    public List<MappedColumn> ColumnsFor(EntityEntry first) =>
        all.Where(c => c.Property.ValueGenerated == ValueGenerated.Never || !Generated(first, c.Property)).ToList();

    private static bool Generated(EntityEntry row, IProperty p)
    {
        var entry = row.Property(p.Name);
        return entry.IsTemporary || Equals(entry.CurrentValue, p.Sentinel);
    }

    /// <summary>The columns a modified row changes (never its key), in the table's order.</summary>
    public List<MappedColumn> ChangedIn(EntityEntry row)
    {
        var changed = all.Where(c => row.Property(c.Property.Name).IsModified).ToList();
        if (changed.Any(Key.Contains))
        {
            throw new NotSupportedException($"A row of {Name} changes its key; save it with SaveChanges.");
        }
        return changed;
    }

    public (string Text, DbParameter[] Parameters) Insert(List<MappedColumn> columns, EntityEntry[] rows, DbCommand factory, ISqlGenerationHelper sql)
    {
        var text = new StringBuilder("INSERT INTO ").Append(Name).Append(" (");
        text.AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES ");
        var parameters = new DbParameter[rows.Length * columns.Count];
        var n = 0;
        foreach (var row in rows)
        {
            if (!columns.SequenceEqual(ColumnsFor(row)))
            {
                throw new NotSupportedException($"Rows added to {Name} in one unit of work disagree on which columns the database generates.");
            }
            text.Append(n > 0 ? ", (" : "(");
            var values = row.CurrentValues;
            for (var i = 0; i < columns.Count; i++)
            {
                text.Append(i == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder("p" + n));
                parameters[n] = columns[i].Parameter(factory, sql, n, values[columns[i].Property]);
                n++;
            }
            text.Append(')');
        }
        return (text.ToString(), parameters);
    }

    /// <summary>
    /// One statement for rows that change the same columns: their keys, the original values of their tokens and
    /// the new values as a <c>VALUES</c> list joined to the table (both databases read the same SQL). A row whose
    /// token no longer matches is not updated, so the caller compares the count.
    /// </summary>
    public (string Text, DbParameter[] Parameters) Update(List<MappedColumn> changed, EntityEntry[] rows, DbCommand factory, ISqlGenerationHelper sql)
    {
        var matched = Key.Concat(Tokens).ToList();
        var columns = matched.Concat(changed).ToList();
        var alias = columns.Select((_, i) => "c" + i).ToList();
        var text = new StringBuilder("WITH v (").AppendJoin(", ", alias).Append(") AS (VALUES ");
        var parameters = new DbParameter[rows.Length * columns.Count];
        var n = 0;
        foreach (var row in rows)
        {
            text.Append(n > 0 ? ", (" : "(");
            for (var i = 0; i < columns.Count; i++)
            {
                var property = row.Property(columns[i].Property.Name);
                text.Append(i == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder("p" + n));
                parameters[n] = columns[i].Parameter(factory, sql, n, i < matched.Count ? property.OriginalValue : property.CurrentValue);
                n++;
            }
            text.Append(')');
        }
        text.Append(") UPDATE ").Append(Name).Append(" SET ");
        text.AppendJoin(", ", changed.Select((c, i) => $"{c.Name} = v.c{matched.Count + i}"));
        text.Append(" FROM v WHERE ");
        text.AppendJoin(" AND ", matched.Select((c, i) => c.Property.IsNullable
            ? $"({Name}.{c.Name} = v.c{i} OR ({Name}.{c.Name} IS NULL AND v.c{i} IS NULL))"
            : $"{Name}.{c.Name} = v.c{i}"));
        return (text.ToString(), parameters);
    }
}
