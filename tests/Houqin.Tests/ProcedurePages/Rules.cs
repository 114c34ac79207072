using Houqin.Data;
using Houqin.Features.Procedures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.ProcedurePages;

/// <summary>The demo's 《总务后勤工作规程》 and its pages, and a second procedure still in draft for the office.</summary>
public static class Rules
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Guid> IdAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Procedure>().Where(p => p.Code == DemoProcedures.RulesCode).Select(p => p.Id).SingleAsync(Ct);
    }

    public static async Task<string> VersionPathAsync(TestApp app, int n) => $"/procedures/{await IdAsync(app)}/v/{n}";

    /// <summary>When the demo's consultation on version 2 closes, as the pages write it.</summary>
    public static async Task<string> ClosesAtAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await IdAsync(app);
        var closes = await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == id && v.Number == 2).Select(v => v.ConsultationClosesAt).SingleAsync(Ct);
        return Houqin.Features.Shared.Prose.Instant(closes!.Value, System.Globalization.CultureInfo.GetCultureInfo("zh-CN"));
    }

    /// <summary>《宿舍维修管理规程》 version 1, a draft the director is still writing.</summary>
    public static async Task<Guid> SeedDraftAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var director = await db.Users.Where(u => u.UserName == "director").Select(u => u.Id).SingleAsync(Ct);
        var procedure = new Procedure("dorm-repairs", "宿舍维修管理规程", carriesPolicy: false, now);
        var v1 = ProcedureVersion.Draft(procedure.Id, 1, null, director, now);
        v1.WriteClause(1, "适用范围", "<p>本规程适用于学生宿舍的维修。</p>");
        db.AddRange(procedure, v1);
        await db.SaveChangesAsync(Ct);
        return procedure.Id;
    }

    /// <summary>The display name of a demo account, which a page must never show beside a comment.</summary>
    public static async Task<string> DisplayNameAsync(TestApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.DisplayName).SingleAsync(Ct);
    }
}
