using Houqin.Infrastructure.Policies;
using System.Diagnostics;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Deadlines;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>
/// Three months of the service desk's past for the demo campus (<c>Houqin:Demo:History</c>, on by default), so
/// a newcomer's boards, queues and ratings are not empty: a few hundred requests up to the moment of seeding,
/// deterministic for a given start (a seeded <see cref="Random"/>). Each step goes through the request's own
/// methods on a <see cref="HistoryClock"/> set to its instant, and is audited then; the requests still open
/// keep their pending timers, closed ones none. Nobody is notified about the past. Only an empty desk gets a
/// history, so seeding again adds nothing; the audit log records the seeding itself as <c>demo.history_seeded</c>.
/// </summary>
public sealed class DemoHistory : IDemoSeed
{
    public const string Setting = "Houqin:Demo:History";

    /// <summary>How far back the history reaches (Beijing days before the day of seeding).</summary>
    public const int Days = 91;

    public async Task SeedAsync(IServiceProvider services, IConfiguration config, CancellationToken ct)
    {
        if (!(config.GetValue<bool?>(Setting) ?? true))
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        if (!await db.Set<Campus>().AnyAsync(ct) || await db.Set<ServiceRequest>().AnyAsync(ct))
        {
            return;
        }
        var started = Stopwatch.StartNew();
        var end = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var start = TimeZoneInfo.ConvertTimeToUtc(WorkingCalendar.LocalDate(end).AddDays(-Days).ToDateTime(TimeOnly.MinValue), WorkingCalendar.Zone);
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger<DemoHistory>();
        try
        {
            var (requests, skipped) = await WriteAsync(sp, db, start, end, ct);
            log.LogInformation("Seeded {Requests} requests of demo history ({Skipped} steps refused) in {Elapsed} ms", requests, skipped, started.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A demo without its past still works: the history's transaction rolls back and the start goes on.
            log.LogError(e, "The demo history could not be seeded; the demo campus starts without it");
        }
    }

    private static async Task<(int Requests, int Skipped)> WriteAsync(IServiceProvider sp, AppDbContext db, DateTime start, DateTime end, CancellationToken ct)
    {
        var calendar = await sp.GetRequiredService<CalendarCache>().GetAsync(ct);
        var clock = new HistoryClock(start);
        var audit = new AuditLog(db, sp.GetRequiredService<CurrentActor>(), clock);
        var random = new Random(20260901);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await HistoryWorld.AddRequestersAsync(db, sp.GetRequiredService<ILookupNormalizer>(), start, random, ct);
        var world = await HistoryWorld.LoadAsync(db, ct);
        var policy = await sp.GetRequiredService<Policies>().CurrentAsync(ct);
        var desk = new DeskPolicy(policy);
        var run = new HistoryRun(db, audit, clock, calendar, desk, new Accountability.SanctionScale(policy), world.People, end);
        new HistoryPlans(run, world, calendar, desk, random).Plan(start, end);
        await run.RunAsync(ct);
        run.ScheduleWhatIsPending(new Deadlines(db, clock, sp.GetRequiredService<DeadlineKinds>()));
        await run.IndexAsync(ct);
        clock.Now = end;
        audit.RecordAs(CurrentActor.System, "demo.history_seeded", Intake.SubjectType, "demo", new { requests = run.Cases.Count, steps = run.Steps, skipped = run.Skipped, from = start, to = end });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (run.Cases.Count, run.Skipped);
    }
}
