using Microsoft.Extensions.DependencyInjection;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Tests.Audit;

/// <summary>The test app with its own signing key and no background sealing: the tests seal when they choose.</summary>
internal static class AuditTestApp
{
    public static async Task<TestApp> StartAsync()
    {
        var app = await TestApp.StartAsync();
        var dir = Directory.CreateTempSubdirectory("houqin-audit-key-").FullName;
        app.Configure("Houqin:Audit:KeyPath", Path.Combine(dir, "audit-signing.key"));
        app.Configure("Houqin:Audit:SealInterval", "00:00:00");
        return app;
    }

    /// <summary>Records events through <see cref="AuditLog"/> as a feature would, and returns their sequences.</summary>
    public static async Task<List<long>> RecordAsync(TestApp app, int count, string action = "Acknowledge")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = Enumerable
            .Range(0, count)
            .Select(i => log.RecordAs("water1", action, "Request", $"REQ-{i}", new { step = i, note = "漏水" }, i % 2 == 0 ? "夜间报修" : null))
            .ToList();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return [.. events.Select(e => e.Sequence)];
    }

    public static Task<int> SealAsync(TestApp app) =>
        app.Services.GetRequiredService<AuditSealer>().SealAsync(TestContext.Current.CancellationToken, passGaps: true);

    public static async Task<int> ExecuteAsync(TestApp app, string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Raw SQL is a format string to EF: JSON braces must be doubled.
        var escaped = sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        return await db.Database.ExecuteSqlRawAsync(escaped, TestContext.Current.CancellationToken);
    }

    /// <summary>What an intruder with database access would do first.</summary>
    public static async Task DropTriggersAsync(TestApp app)
    {
        foreach (var table in AuditAppendOnly.Tables)
        {
            if (TestApp.OnPostgres)
            {
                await ExecuteAsync(app, $"DROP TRIGGER IF EXISTS {table}_append_only ON {table}");
            }
            else
            {
                await ExecuteAsync(app, $"DROP TRIGGER IF EXISTS {table}_no_update");
                await ExecuteAsync(app, $"DROP TRIGGER IF EXISTS {table}_no_delete");
            }
        }
    }
}
