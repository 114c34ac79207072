using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>
/// Who answers for whom: a team's leader and the deputy director in charge oversee the people holding the team's
/// posts; the director and the auditor everyone. Checked in the query, so someone else's checklist or log is a 404.
/// </summary>
internal static class Oversight
{
    public static Guid Me(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public static bool SeesEveryone(ClaimsPrincipal user) => user.IsInRole(Roles.Director) || user.IsInRole(Roles.Auditor);

    private static IQueryable<Guid> TeamsOf(AppDbContext db, Guid me) =>
        db.Set<Team>().Where(t => t.LeaderId == me || t.DeputyDirectorId == me).Select(t => t.Id);

    public static async Task<bool> OverseesPostAsync(AppDbContext db, ClaimsPrincipal user, Guid postId, CancellationToken ct) =>
        SeesEveryone(user) || await db.Set<Post>().AnyAsync(p => p.Id == postId && TeamsOf(db, Me(user)).Contains(p.TeamId), ct);

    /// <summary>The people whose logs <paramref name="user"/> reviews: holders of their teams' posts at <paramref name="now"/> (the director: all staff).</summary>
    public static IQueryable<User> People(AppDbContext db, ClaimsPrincipal user, DateTime now)
    {
        var me = Me(user);
        if (user.IsInRole(Roles.Director))
        {
            return db.Users.Where(u => u.Kind == PersonKind.Staff && u.Id != me && db.Set<PostAssignment>().Any(a => a.UserId == u.Id));
        }
        var teams = TeamsOf(db, me);
        var holders =
            from a in db.Set<PostAssignment>()
            join p in db.Set<Post>() on a.PostId equals p.Id
            where teams.Contains(p.TeamId) && a.From <= now && (a.To == null || now < a.To)
            select a.UserId;
        return db.Users.Where(u => u.Id != me && holders.Contains(u.Id));
    }
}
