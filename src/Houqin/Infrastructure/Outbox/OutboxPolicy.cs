namespace Houqin.Infrastructure.Outbox;

/// <summary>
/// When external channels may disturb people: not between 22:00 and 07:00 Beijing time unless the notice is
/// urgent. Until the procedures issue makes these parameters of the procedure in force, <see cref="Defaults"/>
/// carries them; the in-app list is never held (reading it is the reader's choice).
/// </summary>
public sealed record OutboxPolicy(TimeOnly QuietFrom, TimeOnly QuietUntil, TimeSpan FirstRetry, TimeSpan MaxRetry)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static readonly OutboxPolicy Defaults = new(new TimeOnly(22, 0), new TimeOnly(7, 0), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    /// <summary>Kinds that go out at night too: someone must act now, up the ladder.</summary>
    private static readonly HashSet<string> UrgentKinds = new(StringComparer.Ordinal) { "service_request.escalated" };

    public static bool IsUrgent(string kind) => UrgentKinds.Contains(kind);

    /// <summary>The end of the quiet hours <paramref name="utc"/> falls in, or null outside them.</summary>
    public DateTime? QuietUntilAfter(DateTime utc)
    {
        var local = utc + Beijing;
        var time = TimeOnly.FromDateTime(local);
        var quiet = QuietFrom > QuietUntil ? time >= QuietFrom || time < QuietUntil : time >= QuietFrom && time < QuietUntil;
        if (!quiet)
        {
            return null;
        }
        var day = DateOnly.FromDateTime(local);
        if (time >= QuietUntil)
        {
            day = day.AddDays(1);
        }
        return DateTime.SpecifyKind(day.ToDateTime(QuietUntil) - Beijing, DateTimeKind.Utc);
    }
}
