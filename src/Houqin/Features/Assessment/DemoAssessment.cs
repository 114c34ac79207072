using System.Diagnostics;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk.Demo;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>
/// The demo posts' duties and daily tasks, today's checklists and the daily opening timers; with the demo history
/// (<c>Houqin:Demo:History</c>) also the last few days' checklists and work logs, mostly done, some missed, some
/// reviewed. Only when no task exists yet, so seeding again adds nothing.
/// </summary>
public sealed class DemoAssessment : IDemoSeed
{
    public const int HistoryDays = 5;

    private sealed record TaskPlan(string Post, string Title, string From, string To, bool Photo = false, string? Unit = null);

    private static readonly Dictionary<string, string> Duties = new(StringComparer.Ordinal)
    {
        ["water-duty"] = "一、负责全校供水、供电设施的日常运行与值班，24小时响应水电报修。\n二、按时巡查锅炉房、配电房、水泵房，记录运行数据。\n三、遇停水停电等紧急情况立即处置并报告组长。\n四、认真填写值班记录和工作日志。",
        ["repair-duty"] = "一、负责门窗、家具、房屋等零星维修，按服务承诺及时到场。\n二、维修完毕请报修人确认，材料使用如实登记。\n三、保管好维修工具与备件，每日清点。",
        ["cleaning"] = "一、负责责任区域公共部位的日常保洁。\n二、按时清运垃圾，分类投放。\n三、发现设施损坏及时报修。",
        ["front-desk"] = "一、接待师生来访、来电，实行首问负责制，不推诿。\n二、准确登记报修事项并及时派单。\n三、跟踪未结事项，做好回访记录。",
    };

    private static readonly TaskPlan[] Tasks =
    [
        new("water-duty", "巡查锅炉房", "08:00", "10:00", Photo: true),
        new("water-duty", "记录总水表读数", "08:30", "09:30", Unit: "m³"),
        new("water-duty", "夜间巡查配电房", "21:00", "22:00"),
        new("repair-duty", "检查维修工具与备件", "08:30", "10:00"),
        new("repair-duty", "填写当日维修台账", "16:30", "17:30"),
        new("cleaning", "公共区域保洁巡查", "07:30", "09:30", Photo: true),
        new("cleaning", "垃圾清运登记", "13:00", "14:30"),
        new("front-desk", "开门检查大厅设备", "08:00", "08:30"),
        new("front-desk", "核对当日未结报修", "16:00", "17:00"),
    ];

    /// <summary>A 1×1 PNG standing in for the history's photos (one file, shared).</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public async Task SeedAsync(IServiceProvider services, IConfiguration config, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        if (!await db.Set<Campus>().AnyAsync(ct) || await db.Set<DailyTask>().AnyAsync(ct))
        {
            return;
        }
        var started = Stopwatch.StartNew();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var posts = await db.Set<Post>().Where(p => Duties.Keys.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tasks = new List<(DailyTask Task, Post Post)>();
        foreach (var (code, text) in Duties)
        {
            db.Add(new PostDuty(posts[code].Id, text, null, now));
        }
        foreach (var t in Tasks)
        {
            var task = new DailyTask(posts[t.Post].Id, t.Title, TimeOnly.Parse(t.From), TimeOnly.Parse(t.To), t.Photo, t.Unit, now.AddDays(-30));
            db.Add(task);
            tasks.Add((task, posts[t.Post]));
        }
        await db.SaveChangesAsync(ct);
        if (config.GetValue<bool?>(DemoHistory.Setting) ?? true)
        {
            await HistoryAsync(sp, db, tasks, now, ct);
        }
        var opening = sp.GetRequiredService<ChecklistOpening>();
        foreach (var post in posts.Values)
        {
            await opening.OpenAsync(post, WorkingCalendar.LocalDate(now), now, ct);
            await opening.KeepDailyTimerAsync(post.Id, now, null, ct);
        }
        sp.GetRequiredService<AuditLog>().RecordAs(CurrentActor.System, "demo.assessment_seeded", PostDuties.SubjectType, "demo", new { posts = posts.Count, tasks = tasks.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        sp.GetRequiredService<ILoggerFactory>().CreateLogger<DemoAssessment>().LogInformation("Seeded the demo's duties and checklists in {Elapsed} ms", started.ElapsedMilliseconds);
    }

    /// <summary>The last days, settled: done inside the window (a few missed), a work log closed each day, the older ones reviewed.</summary>
    private static async Task HistoryAsync(IServiceProvider sp, AppDbContext db, List<(DailyTask Task, Post Post)> tasks, DateTime now, CancellationToken ct)
    {
        var calendar = await sp.GetRequiredService<CalendarCache>().GetAsync(ct);
        var users = await db.Users.Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var leaders = await (from p in db.Set<Post>() join t in db.Set<Team>() on p.TeamId equals t.Id select new { p.Id, t.LeaderId }).ToDictionaryAsync(x => x.Id, x => x.LeaderId, ct);
        var photo = IFileStore.NewName();
        await sp.GetRequiredService<IFileStore>().SaveAsync(photo, Pixel, ct);
        var random = new Random(20261129);
        var today = WorkingCalendar.LocalDate(now);
        var worked = new HashSet<(Guid User, DateOnly Date, Guid Post)>();
        for (var date = today.AddDays(-HistoryDays); date < today; date = date.AddDays(1))
        {
            var lists = new Dictionary<(Guid, Guid), DailyChecklist>();
            foreach (var (task, post) in tasks)
            {
                if (!post.RoundTheClock && !calendar.IsWorkingDay(date))
                {
                    continue;
                }
                var (from, to) = task.WindowOn(date);
                var holder = DemoRoster.OnDuty(post.Code, from) is { } name ? users[name] : leaders[post.Id];
                if (holder is not { } who)
                {
                    continue;
                }
                if (!lists.TryGetValue((post.Id, who), out var list))
                {
                    list = new DailyChecklist(post.Id, date, who, ChecklistOpening.Midnight(date));
                    lists[(post.Id, who)] = list;
                    db.Add(list);
                }
                var item = new ChecklistItem(list, task);
                db.Add(item);
                worked.Add((who, date, post.Id));
                if (random.Next(8) == 0)
                {
                    item.MarkMissed(to);
                    continue;
                }
                var at = from + (to - from) * random.NextDouble() * 0.8;
                if (task.PhotoRequired)
                {
                    item.AttachPhoto(who, photo, "image/png", at);
                }
                item.Tick(who, task.ReadingUnit is null ? null : Math.Round(1200m + (decimal)(date.DayNumber % 100) * 37.5m + random.Next(30), 1), at);
            }
        }
        foreach (var (who, date, post) in worked.DistinctBy(w => (w.User, w.Date)))
        {
            var evening = ChecklistOpening.Midnight(date).AddHours(18);
            var day = new WorkLogDay(who, date);
            db.Add(day);
            db.Add(new WorkLogEntry(day, "按岗位职责完成每日必做事项，巡查责任区域设施。", "设施运行正常，发现的问题已登记报修。", "按巡查路线逐项检查，拍照留存。", evening));
            if (random.Next(5) == 0)
            {
                continue; // some days are left open: not every log gets closed
            }
            day.Close(3 + random.Next(3), null, evening.AddMinutes(30));
            if (date < today.AddDays(-1) && leaders[post] is { } leader && leader != who)
            {
                day.Review(leader, "工作认真，记录清楚。", evening.AddHours(15));
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
