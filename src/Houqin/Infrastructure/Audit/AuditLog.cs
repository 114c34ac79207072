using System.Text.Json;
using Houqin.Data;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// Records state changes. Call <see cref="Record"/> before <c>SaveChangesAsync</c> of the change itself,
/// so the event commits, or rolls back, with it.
/// </summary>
public sealed class AuditLog(AppDbContext db, CurrentActor actor, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public AuditEvent Record(string action, string subjectType, object subjectId, object? data = null, string? reason = null) =>
        RecordAs(actor.UserName, action, subjectType, subjectId, data, reason);

    public AuditEvent RecordAs(
        string actorName,
        string action,
        string subjectType,
        object subjectId,
        object? data = null,
        string? reason = null
    )
    {
        var e = new AuditEvent(
            AuditEncoding.ToMicroseconds(clock.GetUtcNow().UtcDateTime),
            actorName,
            action,
            subjectType,
            Convert.ToString(subjectId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            data is null ? "{}" : JsonSerializer.Serialize(data, Json),
            reason
        );
        db.Set<AuditEvent>().Add(e);
        return e;
    }
}
