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
            var campus = await (
                from room in db.Set<Room>()
                join b in db.Set<Building>() on room.BuildingId equals b.Id
                join c in db.Set<Campus>() on b.CampusId equals c.Id
                where room.Id == r.RoomId
                select new { c.Code, c.RegionCode }
            ).SingleAsync(ct);
            place = new WorkingPlace(campus.Code, campus.RegionCode.Length > 0 ? campus.RegionCode : null);
            places[r.RoomId] = place;
        }
        var calendar = await calendars.GetAsync(ct);
        return target.From(from, calendar, place).Utc;
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
