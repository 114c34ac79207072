using System.Diagnostics;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk.Demo;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>
/// With the demo history: the team leaders rate their people's months, and the director has signed off the month
/// before last, so a newcomer sees a signed month beside a live one (last month, still open for ratings).
/// Only when no month is signed off yet.
/// </summary>
public sealed class DemoScorecards : IDemoSeed
{
    public async Task SeedAsync(IServiceProvider services, IConfiguration config, CancellationToken ct)
    {
        if (!(config.GetValue<bool?>(DemoHistory.Setting) ?? true))
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        if (!await db.Set<Campus>().AnyAsync(ct) || await db.Set<SignedMonth>().AnyAsync(ct))
        {
            return;
        }
        var started = Stopwatch.StartNew();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var thisMonth = AssessmentMonth.Of(now).FirstDay;
        var (signed, open) = (AssessmentMonth.Of(ChecklistOpening.Midnight(thisMonth.AddMonths(-2))), AssessmentMonth.Of(ChecklistOpening.Midnight(thisMonth.AddMonths(-1))));
        var scorecards = sp.GetRequiredService<Scorecards>();
        var principals = sp.GetRequiredService<IUserClaimsPrincipalFactory<User>>();
        var audit = sp.GetRequiredService<AuditLog>();
        var calendar = await sp.GetRequiredService<CalendarCache>().GetAsync(ct);
        var names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
        var random = new Random(2026);
        foreach (var month in new[] { signed, open })
        {
            // Written as the leaders would through the card's form, without recomputing every card per rating.
            var (members, _) = await MonthMembers.LoadAsync(db, calendar, month, now, ct);
            foreach (var (member, leader) in members.SelectMany(m => m.Teams.Where(t => t.LeaderId is { } l && l != m.Id).Take(1).Select(t => (m, t.LeaderId!.Value))))
            {
                var rating = LeaderRating.For(month, member.Id);
                rating.Rate(random.Next(3, 6), "按时完成岗位职责，服务态度良好。", leader, now);
                db.Add(rating);
                audit.RecordAs(names[leader], "scorecard.leader_rated", "Scorecard", $"{member.UserName}/{month}", new { month = month.ToString(), userName = member.UserName, rating.Rating });
            }
        }
        await db.SaveChangesAsync(ct);
        var directorId = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        if (directorId is { } id)
        {
            await scorecards.SignOffAsync(await principals.CreateAsync(await db.Users.SingleAsync(u => u.Id == id, ct)), signed, ct);
        }
        sp.GetRequiredService<ILoggerFactory>().CreateLogger<DemoScorecards>().LogInformation("Seeded the demo's leader ratings and signed month in {Elapsed} ms", started.ElapsedMilliseconds);
    }
}
