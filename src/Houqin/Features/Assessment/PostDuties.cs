using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>A post's duties and daily tasks: read by the office's staff, written by its team's leader, the directors and the administrator.</summary>
public sealed class PostDuties(AppDbContext db, AuditLog audit, ChecklistOpening opening, TimeProvider clock)
{
    public const string SubjectType = "Post";

    public sealed record TaskDto(Guid Id, string Title, string WindowStart, string WindowEnd, bool PhotoRequired, string? ReadingUnit);

    public sealed record DutiesDto(string PostCode, string PostName, string TeamName, bool RoundTheClock, string? Duties, DateTime? UpdatedAt, IReadOnlyList<TaskDto> Tasks, bool CanDefine);

    public sealed record NewTask(string? Title, string? WindowStart, string? WindowEnd, bool PhotoRequired, string? ReadingUnit);

    public async Task<DutiesDto?> ShowAsync(ClaimsPrincipal user, string code, CancellationToken ct)
    {
        var post = await db.Set<Post>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (post is null)
        {
            return null;
        }
        var team = await db.Set<Team>().Where(t => t.Id == post.TeamId).Select(t => t.Name).SingleAsync(ct);
        var duty = await db.Set<PostDuty>().AsNoTracking().SingleOrDefaultAsync(d => d.PostId == post.Id, ct);
        var tasks = (await db.Set<DailyTask>().Where(t => t.PostId == post.Id && t.RetiredAt == null).ToListAsync(ct))
            .OrderBy(t => t.WindowStart)
            .Select(t => new TaskDto(t.Id, t.Title, t.WindowStart.ToString("HH:mm"), t.WindowEnd.ToString("HH:mm"), t.PhotoRequired, t.ReadingUnit))
            .ToList();
        return new DutiesDto(post.Code, post.Name, team, post.RoundTheClock, duty?.Text, duty?.UpdatedAt, tasks, await MayDefineAsync(user, post, ct));
    }

    /// <summary>The post if <paramref name="user"/> may define its duties; null when there is no such post.</summary>
    public async Task<Post?> ForDefiningAsync(ClaimsPrincipal user, string code, CancellationToken ct)
    {
        var post = await db.Set<Post>().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (post is not null && !await MayDefineAsync(user, post, ct))
        {
            throw new AssessmentRuleException(AssessmentRuleException.NotAllowed, "Only the post's team leader, the directors and the administrator define its duties.");
        }
        return post;
    }

    private async Task<bool> MayDefineAsync(ClaimsPrincipal user, Post post, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Director))
        {
            return true;
        }
        var me = Oversight.Me(user);
        return (user.IsInRole(Roles.TeamLeader) || user.IsInRole(Roles.DeputyDirector))
            && await db.Set<Team>().AnyAsync(t => t.Id == post.TeamId && (t.LeaderId == me || t.DeputyDirectorId == me), ct);
    }

    public async Task WriteDutiesAsync(Post post, string? text, Guid by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var duty = await db.Set<PostDuty>().SingleOrDefaultAsync(d => d.PostId == post.Id, ct);
        if (duty is null)
        {
            db.Add(new PostDuty(post.Id, text ?? "", by, now));
        }
        else
        {
            duty.Rewrite(text ?? "", by, now);
        }
        audit.Record("post.duties_written", SubjectType, post.Id, new { post = post.Code, length = text?.Trim().Length ?? 0 });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new daily task starts today with what can still be done, and keeps the post's daily opening timer.</summary>
    public async Task<DailyTask> AddTaskAsync(Post post, NewTask input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var task = new DailyTask(
            post.Id,
            input.Title ?? "",
            DailyTask.ParseTime(input.WindowStart, "windowStart"),
            DailyTask.ParseTime(input.WindowEnd, "windowEnd"),
            input.PhotoRequired,
            input.ReadingUnit,
            now
        );
        db.Add(task);
        audit.Record("post.task_added", SubjectType, post.Id, new { post = post.Code, task = task.Id, task.Title, from = input.WindowStart, to = input.WindowEnd, task.PhotoRequired, task.ReadingUnit });
        await db.SaveChangesAsync(ct);
        await opening.OpenAsync(post, Infrastructure.Calendar.WorkingCalendar.LocalDate(now), now, ct);
        await opening.KeepDailyTimerAsync(post.Id, now, null, ct);
        await db.SaveChangesAsync(ct);
        return task;
    }

    /// <summary>Retired tasks open no more items; those already opened stay and count.</summary>
    public async Task<bool> RetireTaskAsync(Post post, Guid taskId, CancellationToken ct)
    {
        var task = await db.Set<DailyTask>().SingleOrDefaultAsync(t => t.Id == taskId && t.PostId == post.Id && t.RetiredAt == null, ct);
        if (task is null)
        {
            return false;
        }
        task.Retire(clock.GetUtcNow().UtcDateTime);
        audit.Record("post.task_retired", SubjectType, post.Id, new { post = post.Code, task = task.Id, task.Title });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
