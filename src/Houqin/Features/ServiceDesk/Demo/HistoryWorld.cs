using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>The demo campus as the history sees it: categories, teams and their ladders, rooms, requesters, everyone's id.</summary>
internal sealed record HistoryWorld(
    IReadOnlyDictionary<string, ServiceCategory> Categories,
    IReadOnlyDictionary<string, string?> ParentCodes,
    IReadOnlyDictionary<string, HistoryTeam> TeamsByPost,
    IReadOnlyList<HistoryRoom> Rooms,
    IReadOnlyList<string> Students,
    IReadOnlyList<string> Teachers,
    IReadOnlyDictionary<string, Guid> People
)
{
    public static async Task<HistoryWorld> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.Kind }).ToListAsync(ct);
        var people = users.ToDictionary(u => u.UserName!, u => u.Id, StringComparer.Ordinal);
        var nameOf = users.ToDictionary(u => u.Id, u => u.UserName!);
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        var teams = await db.Set<Team>().AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var posts = await db.Set<Post>().AsNoTracking().ToListAsync(ct);
        var holders = await db.Set<PostAssignment>().AsNoTracking().Select(a => new { a.PostId, a.UserId }).ToListAsync(ct);
        var byPost = new Dictionary<string, HistoryTeam>(StringComparer.Ordinal);
        foreach (var p in posts)
        {
            var team = teams[p.TeamId];
            var workers = holders.Where(h => h.PostId == p.Id && h.UserId != team.LeaderId).Select(h => nameOf[h.UserId]).Order(StringComparer.Ordinal).ToList();
            byPost[p.Code] = new HistoryTeam(
                team.Id,
                team.Code,
                p.Code,
                workers,
                team.LeaderId is { } l ? nameOf[l] : null,
                new OfficeChain(team.LeaderId, team.DeputyDirectorId, director)
            );
        }
        var rooms = await (
            from r in db.Set<Room>()
            join b in db.Set<Building>() on r.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            orderby r.Code
            select new { r.Id, r.Code, b.Kind, Campus = c.Code, c.RegionCode }
        ).ToListAsync(ct);
        var all = await db.Set<ServiceCategory>().AsNoTracking().ToListAsync(ct);
        var codes = all.ToDictionary(c => c.Id, c => c.Code);
        return new HistoryWorld(
            all.Where(c => c.ParentId != null).ToDictionary(c => c.Code, StringComparer.Ordinal),
            all.ToDictionary(c => c.Code, c => c.ParentId is { } p ? codes[p] : null, StringComparer.Ordinal),
            byPost,
            [.. rooms.Select(r => new HistoryRoom(r.Id, r.Code, r.Kind, new WorkingPlace(r.Campus, r.RegionCode.Length > 0 ? r.RegionCode : null)))],
            [.. users.Where(u => u.Kind == PersonKind.Student).Select(u => u.UserName!).Order(StringComparer.Ordinal)],
            [.. users.Where(u => u.Kind == PersonKind.Teacher).Select(u => u.UserName!).Order(StringComparer.Ordinal)],
            people
        );
    }

    /// <summary>
    /// More requesters than the demo's handful, so a few months of requests are not all from the same ten people:
    /// <c>student10</c>…<c>student29</c> and <c>teacher2</c>…<c>teacher5</c>, with the demo password, made before the history starts.
    /// </summary>
    public static async Task AddRequestersAsync(AppDbContext db, ILookupNormalizer normalizer, DateTime createdAt, Random random, CancellationToken ct)
    {
        var model = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == "student", ct);
        var role = await db.Roles.Where(r => r.Name == Roles.Requester).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
        if (model is null || role is null)
        {
            return;
        }
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林"];
        string[] given = ["晓明", "婷", "子涵", "浩然", "欣怡", "宇轩", "思远", "佳琪", "一鸣", "雨桐", "梓萱", "俊杰", "诗涵", "博文"];
        string[] departments = ["计算机学院", "外国语学院", "经济管理学院", "物理学院", "化学化工学院", "艺术学院", "生命科学学院", "数学学院"];
        var wanted = Enumerable.Range(10, 20).Select(i => ($"student{i}", PersonKind.Student)).Concat(Enumerable.Range(2, 4).Select(i => ($"teacher{i}", PersonKind.Teacher)));
        var n = 0;
        foreach (var (name, kind) in wanted)
        {
            n++;
            if (await db.Users.AnyAsync(u => u.UserName == name, ct))
            {
                continue;
            }
            var display = surnames[random.Next(surnames.Length)] + given[random.Next(given.Length)] + (kind == PersonKind.Teacher ? "老师" : "");
            var user = new User
            {
                Id = Guid.CreateVersion7(),
                UserName = name,
                NormalizedUserName = normalizer.NormalizeName(name),
                DisplayName = display,
                Kind = kind,
                PasswordHash = model.PasswordHash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = createdAt,
                Phone = $"137{random.Next(10_000_000, 99_999_999)}",
                Department = departments[random.Next(departments.Length)],
                StudentNo = kind == PersonKind.Student ? $"2025{n:D6}" : $"T9{n:D4}",
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Value });
        }
        await db.SaveChangesAsync(ct);
    }
}
