using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Organisation;

/// <summary>A post as other modules see it.</summary>
public sealed record PostRef(string Code, string Name);

public static class OrganisationQueries
{
    /// <summary>The active (not disabled) member of the office's staff with this user name, if any.</summary>
    public static Task<Guid?> ActiveOfficeStaffAsync(AppDbContext db, string? userName, CancellationToken ct)
    {
        var normalized = (userName ?? "").Trim().ToUpperInvariant();
        return (
            from u in db.Users
            where u.NormalizedUserName == normalized && !u.Disabled
            where (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id && Roles.Office.Contains(r.Name) select ur).Any()
            select (Guid?)u.Id
        ).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The team <paramref name="userId"/> works in at <paramref name="now"/>: of the teams whose posts they hold (and,
    /// <paramref name="orLed"/>, the teams they lead), <paramref name="preferred"/> when it is one of them, otherwise the
    /// same one every time (the lowest id); null for someone in none.
    /// </summary>
    public static async Task<Guid?> WorkingTeamAsync(AppDbContext db, Guid userId, Guid preferred, DateTime now, bool orLed, CancellationToken ct)
    {
        var held =
            from a in db.Set<PostAssignment>()
            join p in db.Set<Post>() on a.PostId equals p.Id
            where a.UserId == userId && a.From <= now && (a.To == null || now < a.To)
            select p.TeamId;
        var teams = await (orLed ? held.Union(db.Set<Team>().Where(t => t.LeaderId == userId).Select(t => t.Id)) : held.Distinct()).ToListAsync(ct);
        return teams.Contains(preferred) ? preferred : teams.Order().Select(t => (Guid?)t).FirstOrDefault();
    }

    /// <summary>
    /// The posts <paramref name="userId"/> holds: at <paramref name="at"/> when given, otherwise every
    /// assignment that has not ended.
    /// </summary>
    public static async Task<IReadOnlyList<PostRef>> PostsOf(AppDbContext db, Guid userId, DateTime? at = null, CancellationToken ct = default)
    {
        var q =
            from a in db.Set<PostAssignment>()
            join p in db.Set<Post>() on a.PostId equals p.Id
            where a.UserId == userId
            select new { a, p };
        q = at is { } t ? q.Where(x => x.a.From <= t && (x.a.To == null || x.a.To > t)) : q.Where(x => x.a.To == null);
        var posts = await q.Select(x => new PostRef(x.p.Code, x.p.Name)).Distinct().ToListAsync(ct);
        return posts.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
    }
}

/// <summary>Marker for the module's strings: Resources/Features.Organisation.OrganisationText(.en-US).resx.</summary>
public sealed class OrganisationText;
