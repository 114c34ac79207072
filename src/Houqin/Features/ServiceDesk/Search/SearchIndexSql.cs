using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Search;

/// <summary>
/// The full-text index over the search entries' terms, which EF cannot express: on SQLite an FTS5 table fed by
/// triggers (keyed by the entry's integer id, which VACUUM never renumbers); on PostgreSQL a GIN index over
/// the terms as a 'simple' text-search vector.
/// </summary>
internal sealed class SearchIndexSql : IAfterMigrate
{
    public async Task ApplyAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                """CREATE INDEX IF NOT EXISTS ix_service_request_search_terms ON service_request_search USING GIN (to_tsvector('simple', "Terms"));""",
                ct
            );
            return;
        }
        var exists = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'service_request_search_fts'"
        ).SingleAsync(ct) > 0;
        await db.Database.ExecuteSqlRawAsync(
            """
            CREATE VIRTUAL TABLE IF NOT EXISTS service_request_search_fts USING fts5("Terms", content='service_request_search', content_rowid='Id', tokenize='unicode61');
            CREATE TRIGGER IF NOT EXISTS service_request_search_ai AFTER INSERT ON service_request_search BEGIN
              INSERT INTO service_request_search_fts(rowid, "Terms") VALUES (new."Id", new."Terms");
            END;
            CREATE TRIGGER IF NOT EXISTS service_request_search_ad AFTER DELETE ON service_request_search BEGIN
              INSERT INTO service_request_search_fts(service_request_search_fts, rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
            END;
            CREATE TRIGGER IF NOT EXISTS service_request_search_au AFTER UPDATE ON service_request_search BEGIN
              INSERT INTO service_request_search_fts(service_request_search_fts, rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
              INSERT INTO service_request_search_fts(rowid, "Terms") VALUES (new."Id", new."Terms");
            END;
            """,
            ct
        );
        if (!exists)
        {
            // Entries written before the index existed (an upgraded database) are indexed once.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO service_request_search_fts(service_request_search_fts) VALUES ('rebuild');", ct);
        }
    }
}
