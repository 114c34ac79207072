namespace Houqin.Infrastructure.Outbox;

/// <summary>
/// Tells people what happened, inside the business transaction: a notice is a row saved with the caller's
/// <c>SaveChangesAsync</c>, so it exists exactly when the change does, and is delivered afterwards.
/// The text is rendered when read, in the reader's language, from its kind and arguments.
/// </summary>
public sealed class Outbox
{
    /// <summary>
    /// Queues a notice of <paramref name="kind"/> (e.g. <c>service_request.handed_off</c>) about a subject for
    /// each recipient (duplicates and the actor's own id may be passed; the implementation decides what to drop).
    /// </summary>
    public void Notify(IEnumerable<Guid> recipients, string kind, string subjectType, Guid subjectId, IReadOnlyDictionary<string, string>? args = null)
    {
        // Seam only: the outbox's storage and delivery are being built (issue 3); callers already tell it.
        _ = (recipients, kind, subjectType, subjectId, args);
    }
}
