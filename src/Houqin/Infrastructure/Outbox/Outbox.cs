using Houqin.Data;

namespace Houqin.Infrastructure.Outbox;

/// <summary>
/// Tells people what happened, inside the business transaction: a notice is a row saved with the caller's
/// <c>SaveChangesAsync</c>, so it exists exactly when the change does, and is delivered afterwards.
/// The text is rendered when read, in the reader's language, from its kind and arguments.
/// </summary>
public sealed class Outbox(AppDbContext db, CurrentActor actor, TimeProvider clock, IEnumerable<INotificationChannel> channels)
{
    /// <summary>
    /// Queues a notice of <paramref name="kind"/> (e.g. <c>service_request.handed_off</c>) about a subject for
    /// each recipient (duplicates and the actor's own id may be passed; the implementation decides what to drop).
    /// </summary>
    /// <remarks>
    /// Each person is told once, and never about what they did themselves: the signed-in user's id is dropped.
    /// Background work (deadlines, the sweeper) has no signed-in user, so everyone passed is told. Every registered
    /// external channel gets a delivery row beside the in-app notice, for the dispatcher.
    /// </remarks>
    public void Notify(IEnumerable<Guid> recipients, string kind, string subjectType, Guid subjectId, IReadOnlyDictionary<string, string>? args = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var me = actor.UserId;
        var urgent = OutboxPolicy.IsUrgent(kind);
        foreach (var recipient in recipients.Where(r => r != Guid.Empty && r != me).Distinct())
        {
            var notice = new Notice(recipient, kind, subjectType, subjectId, args, now);
            db.Add(notice);
            foreach (var channel in channels.Select(c => c.Name).Distinct())
            {
                db.Add(new Delivery(notice.Id, channel, urgent, now));
            }
        }
    }
}
