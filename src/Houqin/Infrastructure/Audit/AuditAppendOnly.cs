using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// The database itself refuses UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) of the audit tables, so
/// neither a bug nor a hand-written statement can rewrite history; only dropping the triggers could, and
/// <c>houqin audit verify</c> catches what follows. Idempotent: runs after every migration.
/// </summary>
internal sealed class AuditAppendOnly : IAfterMigrate
{
    public static readonly string[] Tables = ["audit_events", "audit_leaves", "audit_nodes", "audit_tree_heads"];

    public async Task ApplyAsync(AppDbContext db, CancellationToken ct)
    {
        foreach (var sql in db.Provider == DatabaseProvider.Postgres ? Postgres() : Sqlite())
        {
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    private static IEnumerable<string> Sqlite()
    {
        foreach (var table in Tables)
        {
            foreach (var verb in new[] { "UPDATE", "DELETE" })
            {
                yield return $"""
                    CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.ToLowerInvariant()} BEFORE {verb} ON {table}
                    BEGIN SELECT RAISE(ABORT, '{table} is append-only: {verb} refused'); END;
                    """;
            }
        }
    }

    private static IEnumerable<string> Postgres()
    {
        yield return """
            CREATE OR REPLACE FUNCTION houqin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
            END
            $$;
            """;
        foreach (var table in Tables)
        {
            yield return $"""
                CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION houqin_audit_append_only();
                """;
            yield return $"""
                CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION houqin_audit_append_only();
                """;
        }
    }
}
