using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Organisation;

/// <summary>
/// The demo campus (示范大学), seeded when <c>Houqin:Demo:Seed</c> is true (the default in Development,
/// never in Production): two campuses, 21 buildings, about 600 rooms, the office's teams, posts, staff,
/// reporting chain, six weeks of duty rosters and a few requesters. Every demo account shares
/// <c>Houqin:Demo:Password</c>; those in two-factor roles share the TOTP secret <c>Houqin:Demo:TotpSecret</c>.
/// Deterministic (a seeded <see cref="Random"/>) apart from QR tokens, and idempotent: it does nothing
/// once the campus exists.
/// </summary>
public static class DemoCampus
{
    public const string DefaultPassword = "Houqin-demo-2026";
    public const string DefaultTotpSecret = "JBSWY3DPEHPK3PXP";

    /// <summary>China has kept UTC+8 without daylight saving since 1991.</summary>
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public sealed record DemoAccount(string UserName, string DisplayName, PersonKind Kind, string[] Roles, string? Post = null);

    /// <summary>The accounts the README lists; issue 2 requires these user names.</summary>
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("student", "李同学", PersonKind.Student, [Roles.Requester]),
        new("teacher", "王老师", PersonKind.Teacher, [Roles.Requester]),
        new("frontdesk", "陈静", PersonKind.Staff, [Roles.Staff], "front-desk"),
        new("frontdesk2", "马丽", PersonKind.Staff, [Roles.Staff], "front-desk"),
        new("water1", "张建国", PersonKind.Staff, [Roles.Staff], "water-duty"),
        new("water2", "刘海", PersonKind.Staff, [Roles.Staff], "water-duty"),
        new("leader-water", "赵志强", PersonKind.Staff, [Roles.Staff, Roles.TeamLeader], "water-duty"),
        new("repair1", "孙立新", PersonKind.Staff, [Roles.Staff], "repair-duty"),
        new("repair2", "周勇", PersonKind.Staff, [Roles.Staff], "repair-duty"),
        new("leader-repair", "吴德明", PersonKind.Staff, [Roles.Staff, Roles.TeamLeader], "repair-duty"),
        new("property1", "郑秀英", PersonKind.Staff, [Roles.Staff], "cleaning"),
        new("leader-property", "冯春梅", PersonKind.Staff, [Roles.Staff, Roles.TeamLeader], "cleaning"),
        new("deputy", "钱伟", PersonKind.Staff, [Roles.Staff, Roles.DeputyDirector]),
        new("director", "黄振华", PersonKind.Staff, [Roles.Staff, Roles.Director]),
        new("auditor", "林审", PersonKind.Staff, [Roles.Auditor]),
        new("finance1", "何会计", PersonKind.Staff, [Roles.Staff, Roles.Finance], "finance"),
        new("finance2", "罗出纳", PersonKind.Staff, [Roles.Staff, Roles.Finance], "finance"),
        new("store1", "高保管", PersonKind.Staff, [Roles.Staff, Roles.Storekeeper], "stores"),
        new("store2", "梁保管", PersonKind.Staff, [Roles.Staff, Roles.Storekeeper], "stores"),
        new("buyer", "宋采购", PersonKind.Staff, [Roles.Staff, Roles.Procurement], "procurement"),
        new("principal-office", "校长办公室", PersonKind.Staff, [Roles.PrincipalsOffice]),
        new("supplier1", "示范建材有限公司", PersonKind.Supplier, [Roles.Supplier]),
        new("admin", "系统管理员", PersonKind.Staff, [Roles.Admin]),
    ];

    private sealed record BuildingPlan(string Campus, string Code, string Name, BuildingKind Kind, int Floors, int RoomsPerFloor);

    private static readonly BuildingPlan[] Buildings =
    [
        new("E", "E-01", "东区1号学生公寓", BuildingKind.Dormitory, 6, 10),
        new("E", "E-02", "东区2号学生公寓", BuildingKind.Dormitory, 6, 10),
        new("E", "E-03", "东区3号学生公寓", BuildingKind.Dormitory, 6, 10),
        new("E", "E-04", "东区教师公寓", BuildingKind.Dormitory, 5, 6),
        new("E", "E-10", "第一教学楼", BuildingKind.Teaching, 5, 8),
        new("E", "E-11", "第二教学楼", BuildingKind.Teaching, 5, 8),
        new("E", "E-12", "理科实验楼", BuildingKind.Laboratory, 5, 6),
        new("E", "E-13", "工程训练中心", BuildingKind.Laboratory, 3, 4),
        new("E", "E-20", "图书馆", BuildingKind.Library, 5, 4),
        new("E", "E-30", "东区第一食堂", BuildingKind.Canteen, 2, 3),
        new("E", "E-31", "东区第二食堂", BuildingKind.Canteen, 2, 3),
        new("E", "E-40", "行政楼", BuildingKind.Office, 6, 6),
        new("E", "E-50", "体育馆", BuildingKind.Sports, 2, 3),
        new("W", "W-01", "西区1号学生公寓", BuildingKind.Dormitory, 6, 10),
        new("W", "W-02", "西区2号学生公寓", BuildingKind.Dormitory, 6, 8),
        new("W", "W-10", "西区教学楼", BuildingKind.Teaching, 4, 8),
        new("W", "W-12", "生命科学实验楼", BuildingKind.Laboratory, 4, 5),
        new("W", "W-20", "西区图书馆分馆", BuildingKind.Library, 3, 3),
        new("W", "W-30", "西区食堂", BuildingKind.Canteen, 2, 3),
        new("W", "W-40", "后勤服务楼", BuildingKind.Office, 3, 5),
        new("W", "W-50", "西区运动场", BuildingKind.Sports, 1, 4),
    ];

    private static readonly Dictionary<BuildingKind, string[]> RoomNames = new()
    {
        [BuildingKind.Dormitory] = ["宿舍"],
        [BuildingKind.Teaching] = ["教室", "多媒体教室", "阶梯教室", "研讨室"],
        [BuildingKind.Laboratory] = ["物理实验室", "化学实验室", "计算机实验室", "仪器室", "准备室"],
        [BuildingKind.Library] = ["阅览室", "自习室", "书库"],
        [BuildingKind.Canteen] = ["餐厅", "后厨", "仓库"],
        [BuildingKind.Office] = ["办公室", "会议室", "档案室"],
        [BuildingKind.Sports] = ["器材室", "场馆", "更衣室"],
        [BuildingKind.Other] = ["房间"],
    };

    public static async Task SeedAsync(IServiceProvider services, IConfiguration config, CancellationToken ct = default)
    {
        await SeedCampusAsync(services, config, ct);
        foreach (var more in services.GetServices<IDemoSeed>())
        {
            await more.SeedAsync(services, config, ct);
        }
    }

    private static async Task SeedCampusAsync(IServiceProvider services, IConfiguration config, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        if (await db.Set<Campus>().AnyAsync(ct))
        {
            return;
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var random = new Random(2026);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        foreach (var r in Roles.All)
        {
            if (!await db.Roles.AnyAsync(x => x.Name == r, ct))
            {
                db.Roles.Add(new Role(r) { NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
            }
        }
        await db.SaveChangesAsync(ct);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);

        SeedPlaces(db, random);
        var users = SeedPeople(sp, db, config, roleIds, random, now);
        await db.SaveChangesAsync(ct);
        await EnableTwoFactorAsync(sp.GetRequiredService<UserManager<User>>(), users, config);

        SeedOffice(db, users, now);
        ServiceDesk.DemoServiceCategories.Seed(db);
        sp.GetRequiredService<AuditLog>()
            .RecordAs(CurrentActor.System, "demo.seeded", "Organisation", "demo", new { rooms = db.ChangeTracker.Entries<Room>().Count() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        sp.GetRequiredService<ILoggerFactory>()
            .CreateLogger(typeof(DemoCampus))
            .LogInformation("Seeded the demo campus in {Elapsed} ms", started.ElapsedMilliseconds);
    }

    private static void SeedPlaces(AppDbContext db, Random random)
    {
        var campuses = new Dictionary<string, Campus>
        {
            ["E"] = new("E", "东校区", "CN-SH"),
            ["W"] = new("W", "西校区", "CN-SH"),
        };
        db.AddRange(campuses.Values);
        foreach (var plan in Buildings)
        {
            var building = new Building(campuses[plan.Campus], plan.Code, plan.Name, plan.Kind);
            db.Add(building);
            var names = RoomNames[plan.Kind];
            for (var level = 1; level <= plan.Floors; level++)
            {
                var floor = new Floor(building, level);
                db.Add(floor);
                for (var n = 1; n <= plan.RoomsPerFloor; n++)
                {
                    var number = (level * 100 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var name = names[random.Next(names.Length)];
                    db.Add(new Room(building, floor, $"{plan.Code}-{number}", number, name));
                }
            }
        }
    }

    private static Dictionary<string, User> SeedPeople(
        IServiceProvider sp,
        AppDbContext db,
        IConfiguration config,
        Dictionary<string, Guid> roleIds,
        Random random,
        DateTime now
    )
    {
        var password = config["Houqin:Demo:Password"] is { Length: > 0 } p ? p : DefaultPassword;
        var normalizer = sp.GetRequiredService<ILookupNormalizer>();
        // One PBKDF2 hash (210,000 iterations, ~0.2 s) shared by every demo account instead of one per
        // account: they share the password anyway, and seeding stays fast. Real accounts get their own salt.
        var hash = sp.GetRequiredService<IPasswordHasher<User>>().HashPassword(new User(), password);
        var accounts = Accounts.ToList();
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"];
        string[] given = ["晓明", "婷", "子涵", "浩然", "欣怡", "宇轩", "思远", "佳琪", "一鸣", "雨桐"];
        string[] departments = ["计算机学院", "外国语学院", "经济管理学院", "物理学院", "化学化工学院", "艺术学院"];
        for (var i = 2; i <= 9; i++)
        {
            var name = surnames[random.Next(surnames.Length)] + given[random.Next(given.Length)];
            accounts.Add(new($"student{i}", name, PersonKind.Student, [Roles.Requester]));
        }
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        var n = 0;
        foreach (var a in accounts)
        {
            n++;
            var requester = a.Kind is PersonKind.Student or PersonKind.Teacher;
            var u = new User
            {
                Id = Guid.CreateVersion7(),
                UserName = a.UserName,
                NormalizedUserName = normalizer.NormalizeName(a.UserName),
                DisplayName = a.DisplayName,
                Kind = a.Kind,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = now,
                Phone = $"138{random.Next(10_000_000, 99_999_999)}",
                Department = requester ? departments[random.Next(departments.Length)] : "总务后勤处",
                StudentNo = a.Kind == PersonKind.Student ? $"2024{n:D6}" : a.Kind == PersonKind.Supplier ? null : $"T{n:D5}",
            };
            db.Users.Add(u);
            foreach (var role in a.Roles)
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = u.Id, RoleId = roleIds[role] });
            }
            users[a.UserName] = u;
        }
        return users;
    }

    private static async Task EnableTwoFactorAsync(UserManager<User> manager, Dictionary<string, User> users, IConfiguration config)
    {
        var secret = config["Houqin:Demo:TotpSecret"] is { Length: > 0 } s ? s : DefaultTotpSecret;
        foreach (var a in Accounts.Where(a => a.Roles.Any(Roles.RequireTwoFactor.Contains)))
        {
            var u = users[a.UserName];
            Check(await manager.SetAuthenticationTokenAsync(u, "[AspNetUserStore]", "AuthenticatorKey", secret));
            Check(await manager.SetTwoFactorEnabledAsync(u, true));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static void SeedOffice(AppDbContext db, Dictionary<string, User> users, DateTime now)
    {
        var office = new Office("总务后勤处");
        office.Appoint(users["director"].Id);
        db.Add(office);

        var teams = new Dictionary<string, Team>
        {
            ["hall"] = new("hall", "服务大厅"),
            ["water"] = new("water", "水电组"),
            ["repair"] = new("repair", "维修组"),
            ["property"] = new("property", "物业组"),
            ["general"] = new("general", "综合办公室"),
        };
        teams["hall"].SetChain(users["deputy"].Id, users["deputy"].Id);
        teams["water"].SetChain(users["leader-water"].Id, users["deputy"].Id);
        teams["repair"].SetChain(users["leader-repair"].Id, users["deputy"].Id);
        teams["property"].SetChain(users["leader-property"].Id, users["deputy"].Id);
        teams["general"].SetChain(null, users["deputy"].Id);
        db.AddRange(teams.Values);

        var posts = new Dictionary<string, Post>
        {
            ["front-desk"] = new(teams["hall"], "front-desk", "服务大厅前台", ["general", "consultation"], false),
            ["water-duty"] = new(teams["water"], "water-duty", "水电值班", ["water", "electricity"], true),
            ["repair-duty"] = new(teams["repair"], "repair-duty", "维修值班", ["furniture", "doors-windows", "building"], false),
            ["cleaning"] = new(teams["property"], "cleaning", "保洁", ["cleaning", "waste"], false),
            ["finance"] = new(teams["general"], "finance", "财务", [], false),
            ["stores"] = new(teams["general"], "stores", "物资保管", [], false),
            ["procurement"] = new(teams["general"], "procurement", "采购", [], false),
        };
        db.AddRange(posts.Values);
        foreach (var a in Accounts.Where(a => a.Post is not null))
        {
            db.Add(new PostAssignment(posts[a.Post!].Id, users[a.UserName].Id, now.AddYears(-1)));
        }

        // Six weeks of rosters from the Monday of this week (Beijing time).
        var today = DateOnly.FromDateTime(now + Beijing);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        DateTime At(DateOnly d, int hour, int minute = 0) => d.ToDateTime(new TimeOnly(hour, minute)) - Beijing;
        void Shift(string post, string user, DateTime from, DateTime to) =>
            db.Add(new DutyRosterEntry(posts[post].Id, users[user].Id, DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(to, DateTimeKind.Utc)));
        for (var i = 0; i < 42; i++)
        {
            var d = monday.AddDays(i);
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            // Water and power run 24×7, nights and holidays included: day and night shifts swap daily.
            var (day, night) = i % 2 == 0 ? ("water1", "water2") : ("water2", "water1");
            Shift("water-duty", weekend && i % 7 == 6 ? "leader-water" : day, At(d, 8), At(d, 20));
            Shift("water-duty", night, At(d, 20), At(d.AddDays(1), 8));
            if (weekend)
            {
                Shift("repair-duty", "repair2", At(d, 8), At(d, 20));
                Shift("front-desk", "frontdesk2", At(d, 9), At(d, 17));
            }
            else
            {
                Shift("repair-duty", "repair1", At(d, 8), At(d, 17, 30));
                Shift("front-desk", "frontdesk", At(d, 8), At(d, 17, 30));
            }
            Shift("cleaning", "property1", At(d, 7), At(d, 15));
        }
        // water2 is on leave for three days in the third week; the team leader stands in.
        db.Add(new Absence(
            users["water2"].Id,
            DateTime.SpecifyKind(At(monday.AddDays(14), 0), DateTimeKind.Utc),
            DateTime.SpecifyKind(At(monday.AddDays(17), 0), DateTimeKind.Utc),
            users["leader-water"].Id,
            "年假"
        ));
    }
}
