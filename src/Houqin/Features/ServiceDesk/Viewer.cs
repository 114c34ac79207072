using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// Who is looking, as far as requests are concerned: a requester sees their own; staff those they own,
/// handle or co-own and those of their teams; leaders, the directors and the auditor see every request.
/// </summary>
public sealed record Viewer(Guid UserId, bool IsStaff, bool SeesAll, IReadOnlyList<Guid> TeamIds)
{
    public bool CanSee(ServiceRequest r) => SeesAll || r.IsConcerned(UserId) || (IsStaff && TeamIds.Contains(r.TeamId));

    /// <summary>
    /// <see cref="CanSee"/> as index ranges of <paramref name="all"/> (they may overlap): everything, or the requests
    /// the viewer is concerned in and, for staff, their teams'.
    /// </summary>
    public IReadOnlyList<IQueryable<ServiceRequest>> Visible(IQueryable<ServiceRequest> all)
    {
        if (SeesAll)
        {
            return [all];
        }
        var me = UserId;
        return
        [
            .. IsStaff ? TeamIds.Select(team => all.Where(r => r.TeamId == team)) : [],
            all.Where(r => r.RequesterId == me),
            all.Where(r => r.FirstContactOwnerId == me),
            all.Where(r => r.HandlerId == me),
            all.Where(r => r.EscalationLevel > 0 && r.CoOwners.Contains(me)),
            all.Where(r => r.HandOffToId == me),
        ];
    }

    /// <summary>The office's staff at any level: they log requests for callers and see their teams' requests.</summary>
    public static bool IsOfficeStaff(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Staff) || user.IsInRole(Roles.TeamLeader) || user.IsInRole(Roles.DeputyDirector) || user.IsInRole(Roles.Director);

    public static async Task<Viewer> LoadAsync(AppDbContext db, ClaimsPrincipal user, DateTime now, CancellationToken ct)
    {
        var id = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));
        var staff = IsOfficeStaff(user);
        var all = user.IsInRole(Roles.TeamLeader) || user.IsInRole(Roles.DeputyDirector) || user.IsInRole(Roles.Director) || user.IsInRole(Roles.Auditor);
        List<Guid> teams = [];
        if (staff)
        {
            teams = await (
                from a in db.Set<PostAssignment>()
                join p in db.Set<Post>() on a.PostId equals p.Id
                where a.UserId == id && a.From <= now && (a.To == null || now < a.To)
                select p.TeamId
            ).Union(db.Set<Team>().Where(t => t.LeaderId == id || t.DeputyDirectorId == id).Select(t => t.Id))
                .ToListAsync(ct);
        }
        return new Viewer(id, staff, all, teams);
    }
}
