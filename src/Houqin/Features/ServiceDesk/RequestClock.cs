using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>Policy times (hand-off acceptance, each rung's time to act) on the working clock of the request's place.</summary>
public sealed class RequestClock(AppDbContext db, CalendarCache calendars)
{
    public async Task<DateTime> DueAsync(ServiceRequest r, Target target, DateTime from, CancellationToken ct)
    {
        var place = await (
            from room in db.Set<Room>()
            join b in db.Set<Building>() on room.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            where room.Id == r.RoomId
            select new { c.Code, c.RegionCode }
        ).SingleAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        return target.From(from, calendar, new WorkingPlace(place.Code, place.RegionCode.Length > 0 ? place.RegionCode : null)).Utc;
    }

    /// <summary>The team's leader, its deputy director and the office's director: the ladder's three rungs.</summary>
    public async Task<OfficeChain> ChainAsync(ServiceRequest r, CancellationToken ct)
    {
        var team = await db.Set<Team>().Where(t => t.Id == r.TeamId).Select(t => new { t.LeaderId, t.DeputyDirectorId }).SingleAsync(ct);
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        return new OfficeChain(team.LeaderId, team.DeputyDirectorId, director);
    }
}
