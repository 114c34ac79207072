using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures;

/// <summary>
/// The demo's 《总务后勤工作规程》: version 1 approved by the principal's office meeting in February and in force
/// since 1 March with today's defaults, and version 2 open for public consultation, so a newcomer sees both.
/// Runs before the service desk's history, which works under version 1.
/// </summary>
public sealed class DemoProcedures : IDemoSeed
{
    public const string RulesCode = "houqin-rules";

    public async Task SeedAsync(IServiceProvider services, IConfiguration config, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        if (await db.Set<Procedure>().AnyAsync(ct) || !await db.Set<Campus>().AnyAsync(ct))
        {
            return;
        }
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var people = await db.Users.Where(u => u.UserName == "director" || u.UserName == "principal-office")
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var director = people["director"];
        var principalOffice = people["principal-office"];
        var audit = sp.GetRequiredService<AuditLog>();

        var rules = new Procedure(RulesCode, "总务后勤工作规程", carriesPolicy: true, Local(2026, 1, 5));
        db.Add(rules);
        var v1 = ProcedureVersion.Draft(rules.Id, 1, null, director, Local(2026, 1, 5));
        foreach (var (n, heading, text) in DemoClauses.Version1)
        {
            v1.WriteClause(n, heading, text);
        }
        foreach (var p in PolicyCatalog.Defaults())
        {
            v1.SetParameter(p.Key, PolicyValues.Canonical(p, p.Default));
        }
        foreach (var top in DemoServiceCategories.TwentyMinuteEmergencies)
        {
            var key = PolicyCatalog.CommitmentKey(top, "emergency", "arrive");
            v1.SetParameter(key, PolicyValues.Canonical(PolicyCatalog.Find(key, _ => true)!, "\"PT20M\""));
        }
        v1.StartDiscussion(Local(2026, 1, 8));
        v1.StartConsultation(Local(2026, 1, 30, 17), Local(2026, 1, 12));
        v1.Submit(0, Local(2026, 2, 2));
        v1.Approve(new DateOnly(2026, 2, 27), "校办会纪要〔2026〕3号", "校办决〔2026〕12号", Local(2026, 3, 1, 0), principalOffice, Local(2026, 2, 27, 16));
        v1.TakeEffect();
        db.Add(v1);
        db.Add(Enactments.Of(v1, Local(2026, 2, 27, 16)));

        var v2 = ProcedureVersion.Draft(rules.Id, 2, v1, director, now.AddDays(-10));
        foreach (var (n, heading, text) in DemoClauses.Version2Changes)
        {
            v2.WriteClause(n, heading, text);
        }
        var arrive = PolicyCatalog.CommitmentKey(PolicyCatalog.DefaultCategory, "normal", "arrive");
        v2.SetParameter(arrive, PolicyValues.Canonical(PolicyCatalog.Find(arrive, _ => true)!, "\"PT4H\""));
        v2.StartDiscussion(now.AddDays(-9));
        v2.StartConsultation(now.AddDays(14), now.AddDays(-2));
        db.Add(v2);
        sp.GetRequiredService<Deadlines>().Schedule(ProcedureSteps.ConsultationClosesKind, v2.Id, v2.ConsultationClosesAt!.Value);
        db.Add(ProcedureComment.Make(v2, 3, await UserAsync(db, "student", ct), false, "希望夜间也能在 4 小时内到场，宿舍晚上报修最多。", now.AddDays(-1)));

        audit.RecordAs(CurrentActor.System, "demo.procedures_seeded", Procedure.SubjectType, rules.Id, new { versions = 2 });
        await db.SaveChangesAsync(ct);
        sp.GetRequiredService<Policies>().Invalidate();
    }

    private static Task<Guid> UserAsync(AppDbContext db, string userName, CancellationToken ct) =>
        db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(ct);

    private static DateTime Local(int y, int m, int d, int h = 9) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d, h, 0, 0), WorkingCalendar.Zone);
}
