using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>
/// Opens a post's checklist for a Beijing date (ADR 0011): on working days, or every day for a 24×7 post, each
/// active task becomes one item for whoever is on duty at the post when its window starts (the roster, with
/// delegates), else the post's team leader; each item gets a timer at its window's end that marks it missed if
/// undone. Idempotent (one item per task and date) and costs the post's tasks, not the history.
/// </summary>
public sealed class ChecklistOpening(AppDbContext db, Deadlines deadlines, AuditLog audit, CalendarCache calendars, TimeProvider clock)
{
    /// <summary>One self-rescheduling timer per post with tasks, due at each Beijing midnight.</summary>
    public const string OpenKind = "checklist.open";

    /// <summary>One timer per item, at its window's end.</summary>
    public const string ItemDueKind = "checklist.item_due";

    public const string SubjectType = "DailyChecklist";

    public static DateTime Midnight(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingCalendar.Zone);

    /// <summary>
    /// Opens <paramref name="date"/> for <paramref name="post"/>; with <paramref name="notBefore"/>, leaves out items
    /// whose window ended before it (a task defined mid-day starts with what can still be done). Returns the items added.
    /// </summary>
    public async Task<int> OpenAsync(Post post, DateOnly date, DateTime? notBefore, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        if (!post.RoundTheClock && !calendar.IsWorkingDay(date))
        {
            return 0;
        }
        var tasks = await db.Set<DailyTask>().Where(t => t.PostId == post.Id && t.RetiredAt == null).ToListAsync(ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var existing = await db.Set<ChecklistItem>().Where(i => i.Date == date && taskIds.Contains(i.TaskId)).Select(i => i.TaskId).ToListAsync(ct);
        var lists = await db.Set<DailyChecklist>().Where(c => c.PostId == post.Id && c.Date == date).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new Dictionary<DailyChecklist, int>();
        foreach (var task in tasks.Where(t => !existing.Contains(t.Id)).OrderBy(t => t.WindowStart))
        {
            var (from, to) = task.WindowOn(date);
            if (notBefore is { } nb && to <= nb)
            {
                continue;
            }
            if (await HolderAsync(post, from, ct) is not { } holder)
            {
                audit.Record("checklist.unstaffed", SubjectType, task.Id, new { post = post.Code, date, task = task.Title });
                continue;
            }
            var list = lists.Find(l => l.UserId == holder);
            if (list is null)
            {
                list = new DailyChecklist(post.Id, date, holder, now);
                db.Add(list);
                lists.Add(list);
            }
            var item = new ChecklistItem(list, task);
            db.Add(item);
            deadlines.Schedule(ItemDueKind, item.Id, to);
            added[list] = added.GetValueOrDefault(list) + 1;
        }
        foreach (var (list, count) in added)
        {
            audit.Record("checklist.opened", SubjectType, list.Id, new { post = post.Code, date, user = list.UserId, items = count });
        }
        return added.Values.Sum();
    }

    private async Task<Guid?> HolderAsync(Post post, DateTime at, CancellationToken ct)
    {
        var onDuty = await DutyQueries.WhoIsOnDutyAsync(db, post.Code, at, ct);
        if (onDuty.Count > 0)
        {
            return onDuty[0].UserId;
        }
        return await db.Set<Team>().Where(t => t.Id == post.TeamId).Select(t => t.LeaderId).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// A post with tasks keeps one pending opening timer: scheduled at the next Beijing midnight after
    /// <paramref name="after"/> unless one is pending already (other than <paramref name="firing"/>, the one now running).
    /// </summary>
    public async Task KeepDailyTimerAsync(Guid postId, DateTime after, Guid? firing, CancellationToken ct)
    {
        if (!await db.Set<DailyTask>().AnyAsync(t => t.PostId == postId && t.RetiredAt == null, ct))
        {
            return;
        }
        var pending = await db.Set<Deadline>()
            .AnyAsync(d => d.Kind == OpenKind && d.SubjectId == postId && d.FiredAt == null && d.CancelledAt == null && d.Id != firing, ct);
        if (!pending)
        {
            deadlines.Schedule(OpenKind, postId, Midnight(WorkingCalendar.LocalDate(after).AddDays(1)));
        }
    }
}

/// <summary>At a Beijing midnight: opens that day's checklist of the post, then sets the timer for the next midnight.</summary>
internal sealed class ChecklistOpenHandler(AppDbContext db, ChecklistOpening opening) : IDeadlineHandler
{
    public string Kind => ChecklistOpening.OpenKind;

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        if (await db.Set<Post>().SingleOrDefaultAsync(p => p.Id == deadline.SubjectId, ct) is not { } post)
        {
            return;
        }
        // The day it was due for, not the day it fires: after an outage each missed day still opens, in order.
        await opening.OpenAsync(post, WorkingCalendar.LocalDate(deadline.Due), null, ct);
        await opening.KeepDailyTimerAsync(post.Id, deadline.Due, deadline.Id, ct);
    }
}

/// <summary>At an item's window end: still open means missed, recorded.</summary>
internal sealed class ChecklistItemDueHandler(AppDbContext db, AuditLog audit, TimeProvider clock) : IDeadlineHandler
{
    public string Kind => ChecklistOpening.ItemDueKind;

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        var item = await db.Set<ChecklistItem>().SingleOrDefaultAsync(i => i.Id == deadline.SubjectId, ct);
        if (item is not null && item.MarkMissed(clock.GetUtcNow().UtcDateTime))
        {
            audit.Record("checklist.item_missed", ChecklistOpening.SubjectType, item.ChecklistId, new { item = item.Id, item.Title, date = item.Date, user = item.UserId });
        }
    }
}
