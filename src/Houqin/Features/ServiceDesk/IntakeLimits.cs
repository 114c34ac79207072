using System.Net;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// How many creates a person and a client address may send a minute (ADR 0014): a requester
/// <c>Houqin:RateLimits:IntakePerUserPerMinute</c> (10), staff logging calls
/// <c>Houqin:RateLimits:IntakePerStaffPerMinute</c> (60), one address — a whole campus behind one NAT —
/// <c>Houqin:RateLimits:IntakePerIpPerMinute</c> (600). Both the person's and the address's allowance must hold;
/// a refused call uses neither, and neither does a retry answered with the request an earlier call made (a client
/// that missed its 201 and retries with the same <c>Idempotency-Key</c> is answered even over the limit). Fixed
/// one-minute windows on the application's clock, so tests drive them with the manual clock; per process, as the
/// sign-in limit is.
/// </summary>
public sealed class IntakeLimits(IConfiguration config, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly int perUser = config.GetValue("Houqin:RateLimits:IntakePerUserPerMinute", 10);
    private readonly int perStaff = config.GetValue("Houqin:RateLimits:IntakePerStaffPerMinute", 60);
    private readonly int perAddress = config.GetValue("Houqin:RateLimits:IntakePerIpPerMinute", 600);
    private readonly Dictionary<string, Count> counts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private DateTimeOffset swept;

    /// <summary>Null when the call may go ahead (and is counted); otherwise how long until it may.</summary>
    public TimeSpan? Take(Guid user, bool staff, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var userKey = UserKey(user);
        var addressKey = AddressKey(address);
        lock (gate)
        {
            Sweep(now);
            var mine = Current(userKey, now);
            var theirs = Current(addressKey, now);
            var refused = TimeSpan.Zero;
            if (mine.Used >= (staff ? perStaff : perUser))
            {
                refused = mine.Start + Window - now;
            }
            if (theirs.Used >= perAddress)
            {
                refused = TimeSpan.FromTicks(Math.Max(refused.Ticks, (theirs.Start + Window - now).Ticks));
            }
            if (refused > TimeSpan.Zero)
            {
                return refused;
            }
            counts[userKey] = mine with { Used = mine.Used + 1 };
            counts[addressKey] = theirs with { Used = theirs.Used + 1 };
            return null;
        }
    }

    /// <summary>Gives back what <see cref="Take"/> counted, for a call that turned out to make nothing (a replay).</summary>
    public void GiveBack(Guid user, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            foreach (var key in (string[])[UserKey(user), AddressKey(address)])
            {
                if (counts.TryGetValue(key, out var c) && c.Used > 0 && now < c.Start + Window && now >= c.Start)
                {
                    counts[key] = c with { Used = c.Used - 1 };
                }
            }
        }
    }

    private static string UserKey(Guid user) => "u:" + user.ToString("N");

    private static string AddressKey(IPAddress? address) => "a:" + (address ?? IPAddress.None);

    private Count Current(string key, DateTimeOffset now) =>
        counts.TryGetValue(key, out var c) && now < c.Start + Window && now >= c.Start ? c : new Count(now, 0);

    /// <summary>Forgets finished windows once a window, so the table holds only the last minute's callers.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now - swept < Window && now >= swept)
        {
            return;
        }
        swept = now;
        foreach (var (key, c) in counts.ToList())
        {
            if (now >= c.Start + Window || now < c.Start)
            {
                counts.Remove(key);
            }
        }
    }

    private readonly record struct Count(DateTimeOffset Start, int Used);
}
