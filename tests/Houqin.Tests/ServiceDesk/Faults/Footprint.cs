using System.Text.Json;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.ServiceDesk.Faults;

/// <summary>
/// What an operation left behind, comparable between two requests set up alike: how many rows each table gained,
/// and the request's row and timers as they now are (with whether its version moved, not the version itself).
/// </summary>
internal sealed record Footprint(string Rows, string Request)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Dictionary<string, long>> CountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sql = string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}' AS t, COUNT(*) AS c FROM \"{t}\""));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }

    public static async Task<string> RequestAsync(IServiceProvider services, Guid? id, Guid? versionBefore)
    {
        if (id is null)
        {
            return "";
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var r = await db.Set<ServiceRequest>().AsNoTracking().SingleAsync(x => x.Id == id, Ct);
        var timers = await db
            .Set<Deadline>()
            .Where(d => d.SubjectId == id)
            .Select(d => new { d.Kind, Fired = d.FiredAt != null, Cancelled = d.CancelledAt != null })
            .ToListAsync(Ct);
        return JsonSerializer.Serialize(
            new
            {
                status = r.Status.ToString(),
                r.HandlerId,
                r.HandOffToId,
                r.CompletionMethod,
                r.Materials,
                r.ConfirmedAt,
                versionMoved = r.Version != versionBefore,
                timers = timers.OrderBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.Fired).ThenBy(t => t.Cancelled).Select(t => $"{t.Kind}:{t.Fired}:{t.Cancelled}"),
            }
        );
    }

    public static async Task<Guid> VersionAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ServiceRequest>().Where(r => r.Id == id).Select(r => r.Version).SingleAsync(Ct);
    }

    // Every table counts, the year's request counter too: numbers are taken inside the create's own transaction, so a
    // failed create gives its number back and leaves no counter row behind.
    public static string Delta(Dictionary<string, long> before, Dictionary<string, long> after) =>
        string.Join(", ", after.Where(kv => kv.Value != before.GetValueOrDefault(kv.Key)).Select(kv => $"{kv.Key} {kv.Value - before.GetValueOrDefault(kv.Key):+0;-0}"));
}
