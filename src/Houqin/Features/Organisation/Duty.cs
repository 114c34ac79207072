using Houqin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Organisation;

/// <summary>
/// One shift of a duty roster (值班表): this person covers this post from one instant to another,
/// nights, weekends and holidays included.
/// </summary>
public sealed class DutyRosterEntry
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PostId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime From { get; private set; }

    public DateTime To { get; private set; }

    private DutyRosterEntry() { }

    public DutyRosterEntry(Guid postId, Guid userId, DateTime from, DateTime to)
    {
        if (to <= from)
        {
            throw new ArgumentException("A shift ends after it starts.", nameof(to));
        }
        PostId = postId;
        UserId = userId;
        From = from;
        To = to;
    }
}

/// <summary>
/// A person is away (leave, sickness, training) and names who acts for them (代理人) meanwhile.
/// </summary>
public sealed class Absence
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid UserId { get; private set; }

    public DateTime From { get; private set; }

    public DateTime To { get; private set; }

    public Guid DelegateId { get; private set; }

    public string Reason { get; private set; } = "";

    private Absence() { }

    public Absence(Guid userId, DateTime from, DateTime to, Guid delegateId, string reason)
    {
        if (to <= from)
        {
            throw new ArgumentException("An absence ends after it starts.", nameof(to));
        }
        if (delegateId == userId)
        {
            throw new ArgumentException("Nobody can be their own delegate.", nameof(delegateId));
        }
        UserId = userId;
        From = from;
        To = to;
        DelegateId = delegateId;
        Reason = (reason ?? "").Trim();
    }
}

/// <summary>Who answers for a post at an instant; <see cref="ActingFor"/> is set when a delegate stands in.</summary>
public sealed record OnDuty(Guid UserId, string UserName, string DisplayName, Guid? ActingFor, DateTime ShiftFrom, DateTime ShiftTo);

public static class DutyQueries
{
    /// <summary>How many delegates deep we follow (A away → B, B away → C …) before giving up.</summary>
    private const int MaxDelegation = 5;

    /// <summary>
    /// The people on duty for <paramref name="postCode"/> at <paramref name="instant"/> according to the
    /// roster, each replaced by their delegate when absent (following the delegate's own absence in turn).
    /// Empty when nobody is rostered: the caller escalates to the team leader.
    /// </summary>
    public static async Task<IReadOnlyList<OnDuty>> WhoIsOnDutyAsync(
        AppDbContext db,
        string postCode,
        DateTime instant,
        CancellationToken ct = default
    )
    {
        var shifts = await (
            from e in db.Set<DutyRosterEntry>()
            join p in db.Set<Post>() on e.PostId equals p.Id
            where p.Code == postCode && e.From <= instant && instant < e.To
            orderby e.From
            select new { e.UserId, e.From, e.To }
        ).ToListAsync(ct);
        if (shifts.Count == 0)
        {
            return [];
        }
        var absences = await db.Set<Absence>()
            .Where(a => a.From <= instant && instant < a.To)
            .Select(a => new { a.UserId, a.DelegateId })
            .ToListAsync(ct);
        var delegateOf = absences.GroupBy(a => a.UserId).ToDictionary(g => g.Key, g => g.First().DelegateId);

        var result = new List<(Guid User, Guid? For, DateTime From, DateTime To)>();
        foreach (var s in shifts)
        {
            var who = s.UserId;
            Guid? actingFor = null;
            for (var depth = 0; depth < MaxDelegation && delegateOf.TryGetValue(who, out var d); depth++)
            {
                actingFor ??= s.UserId;
                who = d;
            }
            if (delegateOf.ContainsKey(who) || result.Any(r => r.User == who))
            {
                continue; // delegation loops back to someone absent, or already listed
            }
            result.Add((who, actingFor, s.From, s.To));
        }
        var ids = result.Select(r => r.User).ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id) && !u.Disabled)
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, ct);
        return result
            .Where(r => people.ContainsKey(r.User))
            .Select(r => new OnDuty(r.User, people[r.User].UserName ?? "", people[r.User].DisplayName, r.For, r.From, r.To))
            .ToList();
    }
}

internal sealed class DutyRosterEntryConfiguration : IEntityTypeConfiguration<DutyRosterEntry>
{
    public void Configure(EntityTypeBuilder<DutyRosterEntry> b)
    {
        b.ToTable("duty_roster_entries");
        b.HasIndex(e => new { e.PostId, e.From });
        b.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> b)
    {
        b.ToTable("absences");
        b.HasIndex(e => new { e.UserId, e.From });
        b.Property(e => e.Reason).HasMaxLength(500);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.DelegateId).OnDelete(DeleteBehavior.Restrict);
    }
}
