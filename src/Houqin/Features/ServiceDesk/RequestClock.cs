using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// Policy times (hand-off acceptance, each rung's time to act) on the working clock of the request's place.
/// Places and chains are remembered for the unit of work (a request, or a batch of due timers, where the
/// same teams and rooms come back for every request), never longer.
/// </summary>
public sealed class RequestClock(AppDbContext db, CalendarCache calendars)
{
    private readonly Dictionary<Guid, WorkingPlace> places = [];
    private readonly Dictionary<Guid, OfficeChain> chains = [];
    private Guid? director;
    private bool directorRead;

    public async Task<DateTime> DueAsync(ServiceRequest r, Target target, DateTime from, CancellationToken ct)
    {
        if (!places.TryGetValue(r.RoomId, out var place))
        {
            await LoadPlacesAsync([r.RoomId], ct);
            place = places[r.RoomId];
        }
        var calendar = await calendars.GetAsync(ct);
        return target.From(from, calendar, place).Utc;
    }

    /// <summary>The end of the n-th working day after <paramref name="from"/> (a <c>WorkingDays</c> policy time: a referral's follow-up).</summary>
    public async Task<DateTime> EndOfWorkingDaysAsync(DateTime from, int days, CancellationToken ct) => (await calendars.GetAsync(ct)).EndOfWorkingDaysAfter(from, days);

    /// <summary>The working places of these rooms in one query (a batch of due timers asks for a hundred rooms at once).</summary>
    public async Task LoadPlacesAsync(IEnumerable<Guid> roomIds, CancellationToken ct)
    {
        var missing = roomIds.Where(id => !places.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var campuses = await (
                from room in db.Set<Room>()
                join b in db.Set<Building>() on room.BuildingId equals b.Id
                join c in db.Set<Campus>() on b.CampusId equals c.Id
                where chunk.Contains(room.Id)
                select new { RoomId = room.Id, c.Code, c.RegionCode }
            ).ToListAsync(ct);
            foreach (var campus in campuses)
            {
                places[campus.RoomId] = new WorkingPlace(campus.Code, campus.RegionCode.Length > 0 ? campus.RegionCode : null);
            }
        }
        if (missing.Where(id => !places.ContainsKey(id)).ToList() is [var unknown, ..])
        {
            throw new InvalidOperationException($"Room {unknown} has no campus.");
        }
    }

    /// <summary>The team's leader, its deputy director and the office's director: the ladder's three rungs.</summary>
    public async Task<OfficeChain> ChainAsync(ServiceRequest r, CancellationToken ct)
    {
        if (chains.TryGetValue(r.TeamId, out var chain))
        {
            return chain;
        }
        var team = await db.Set<Team>().Where(t => t.Id == r.TeamId).Select(t => new { t.LeaderId, t.DeputyDirectorId }).SingleAsync(ct);
        if (!directorRead)
        {
            director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
            directorRead = true;
        }
        chain = new OfficeChain(team.LeaderId, team.DeputyDirectorId, director);
        chains[r.TeamId] = chain;
        return chain;
    }
}
