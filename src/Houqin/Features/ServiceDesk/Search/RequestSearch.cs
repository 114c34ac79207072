using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Search;

/// <summary>
/// Search over requests in Chinese: by number, place, category, description and the people on them.
/// The index entry is written in the same unit of work as the request's change; a query narrows by the
/// database's full-text index over the terms, then confirms each phrase against the stored text.
/// </summary>
public static class RequestSearch
{
    /// <summary>Writes (or rewrites) the request's index entry; saved with the caller's SaveChanges.</summary>
    public static async Task IndexAsync(AppDbContext db, ServiceRequest r, CancellationToken ct)
    {
        var place = await (
            from room in db.Set<Room>()
            join b in db.Set<Building>() on room.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            where room.Id == r.RoomId
            select new { Campus = c.Name, Building = b.Name, room.Code, room.Name }
        ).SingleAsync(ct);
        var category = await db.Set<ServiceCategory>().Where(c => c.Id == r.CategoryId).Select(c => c.Name).SingleAsync(ct);
        var ids = new[] { r.RequesterId ?? Guid.Empty, r.FirstContactOwnerId, r.HandlerId };
        var people = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.DisplayName, u.UserName }).ToListAsync(ct);

        var entry = await db.Set<RequestSearchEntry>().SingleOrDefaultAsync(e => e.RequestId == r.Id, ct);
        if (entry is null)
        {
            entry = new RequestSearchEntry(r);
            db.Add(entry);
        }
        entry.Describe(Parts(r, place.Campus, place.Building, place.Code, place.Name, category, people.Select(p => (p.DisplayName, p.UserName))));
    }

    /// <summary>What a request's entry is made of, for callers that already hold the names (intake's group commit).</summary>
    public static IEnumerable<string?> Parts(
        ServiceRequest r,
        string campus,
        string building,
        string roomCode,
        string roomName,
        string category,
        IEnumerable<(string DisplayName, string? UserName)> people
    ) => [r.Number, campus, building, roomCode, roomName, category, r.Description, r.CallerName, r.CallerPhone, .. people.SelectMany(p => new[] { p.DisplayName, p.UserName })];

    /// <summary>The ids of requests matching every phrase of the query; empty terms match nothing.</summary>
    public static IQueryable<Guid> Matching(AppDbContext db, string query)
    {
        var terms = SearchTerms.ForQuery(query);
        var phrases = SearchTerms.Phrases(query);
        if (terms.Count == 0)
        {
            return db.Set<RequestSearchEntry>().Where(_ => false).Select(e => e.RequestId);
        }
        var candidates = db.Provider == DatabaseProvider.Postgres
            ? db.Database.SqlQuery<long>(
                $"""SELECT "Id" AS "Value" FROM service_request_search WHERE to_tsvector('simple', "Terms") @@ plainto_tsquery('simple', {string.Join(' ', terms)})"""
            )
            : db.Database.SqlQuery<long>(
                $"""SELECT rowid AS "Value" FROM service_request_search_fts WHERE service_request_search_fts MATCH {string.Join(' ', terms.Select(t => '"' + t + '"'))}"""
            );
        var q = db.Set<RequestSearchEntry>().Where(e => candidates.Contains(e.Id));
        foreach (var phrase in phrases)
        {
            q = q.Where(e => e.Text.Contains(phrase));
        }
        return q.Select(e => e.RequestId);
    }
}
