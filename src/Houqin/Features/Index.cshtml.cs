using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features;

/// <summary>
/// The home page: what each person can do now. Anonymous visitors and requesters see how to report and the
/// office hours; staff their posts and who is on duty; leaders their teams; the administrator the organisation's size.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db, TimeProvider clock, CurrentActor actor) : PageModel
{
    public sealed record PostOnDuty(string Code, string Name, bool RoundTheClock, IReadOnlyList<OnDuty> OnDuty);

    public sealed record TeamSummary(string Code, string Name, string? Leader, int Posts, int People);

    public sealed record Count(string Key, int Value, string Link);

    public DateOnly Today { get; private set; }

    public DateTime Now { get; private set; }

    public bool SignedIn { get; private set; }

    public bool IsRequester { get; private set; }

    public bool IsStaff { get; private set; }

    public bool IsLeader { get; private set; }

    public bool IsAdmin { get; private set; }

    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<PostOnDuty> MyPosts { get; private set; } = [];

    public IReadOnlyList<PostOnDuty> RoundTheClockPosts { get; private set; } = [];

    public IReadOnlyList<TeamSummary> MyTeams { get; private set; } = [];

    public IReadOnlyList<Count> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Today = Prose.BeijingDate(Now);
        SignedIn = User.Identity?.IsAuthenticated == true;
        if (!SignedIn || actor.UserId is not { } me)
        {
            return;
        }
        DisplayName = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        IsRequester = User.IsInRole(Roles.Requester);
        IsStaff = User.IsInRole(Roles.Staff);
        IsLeader = User.IsInRole(Roles.TeamLeader) || User.IsInRole(Roles.DeputyDirector) || User.IsInRole(Roles.Director);
        IsAdmin = User.IsInRole(Roles.Admin);
        if (IsStaff || IsLeader)
        {
            var mine = await OrganisationQueries.PostsOf(db, me, Now, ct);
            MyPosts = await OnDutyAsync(mine.Select(p => p.Code), ct);
            var allDay = await db.Set<Post>().Where(p => p.RoundTheClock).Select(p => p.Code).ToListAsync(ct);
            RoundTheClockPosts = await OnDutyAsync(allDay.Except(mine.Select(p => p.Code)), ct);
        }
        if (IsLeader)
        {
            MyTeams = await TeamsLedByAsync(me, ct);
        }
        if (IsAdmin)
        {
            Counts =
            [
                new("Count_Campuses", await db.Set<Campus>().CountAsync(ct), "/Admin/Campuses"),
                new("Count_Buildings", await db.Set<Building>().CountAsync(ct), "/Admin/Buildings"),
                new("Count_Rooms", await db.Set<Room>().CountAsync(ct), "/Admin/Rooms"),
                new("Count_People", await db.Users.CountAsync(ct), "/Admin/People"),
                new("Count_Teams", await db.Set<Team>().CountAsync(ct), "/Admin/Teams"),
                new("Count_Posts", await db.Set<Post>().CountAsync(ct), "/Admin/Posts"),
            ];
        }
    }

    private async Task<IReadOnlyList<PostOnDuty>> OnDutyAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.ToList();
        var posts = await db.Set<Post>().Where(p => list.Contains(p.Code)).OrderBy(p => p.Code).ToListAsync(ct);
        var result = new List<PostOnDuty>();
        foreach (var p in posts)
        {
            result.Add(new PostOnDuty(p.Code, p.Name, p.RoundTheClock, await DutyQueries.WhoIsOnDutyAsync(db, p.Code, Now, ct)));
        }
        return result;
    }

    /// <summary>Teams where I am the leader or the deputy director in charge; the director sees every team.</summary>
    private async Task<IReadOnlyList<TeamSummary>> TeamsLedByAsync(Guid me, CancellationToken ct)
    {
        var director = await db.Set<Office>().AnyAsync(o => o.DirectorId == me, ct);
        var teams = await db.Set<Team>()
            .Where(t => director || t.LeaderId == me || t.DeputyDirectorId == me)
            .OrderBy(t => t.Code)
            .Select(t => new
            {
                t.Code,
                t.Name,
                Leader = db.Users.Where(u => u.Id == t.LeaderId).Select(u => u.DisplayName).FirstOrDefault(),
                Posts = db.Set<Post>().Count(p => p.TeamId == t.Id),
                People = (
                    from a in db.Set<PostAssignment>()
                    join p in db.Set<Post>() on a.PostId equals p.Id
                    where p.TeamId == t.Id && a.To == null
                    select a.UserId
                ).Distinct().Count(),
            })
            .ToListAsync(ct);
        return teams.Select(t => new TeamSummary(t.Code, t.Name, t.Leader, t.Posts, t.People)).ToList();
    }
}
