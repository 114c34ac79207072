using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The read-mostly organisation intake looks up on every create — categories, the team behind each post, rooms
/// and their campus, the director — kept in memory. A change saved on this node drops it at once
/// (<see cref="OrganisationChanges"/>); a change saved on another node is seen within
/// <c>Houqin:Intake:CacheSeconds</c> (default 60), as <see cref="Infrastructure.Calendar.CalendarCache"/> does.
/// Who is on duty in a post is held apart, for <c>Houqin:Intake:RosterSeconds</c> (default 5), and dropped on every
/// saved change to a roster, an absence (delegation) or a person.
/// </summary>
public sealed class IntakeDirectory(IConfiguration config)
{
    private readonly TimeSpan maxAge = TimeSpan.FromSeconds(config.GetValue("Houqin:Intake:CacheSeconds", 60));
    private readonly TimeSpan rosterAge = TimeSpan.FromSeconds(config.GetValue("Houqin:Intake:RosterSeconds", 5));
    private readonly ConcurrentDictionary<string, Duty> duty = new(StringComparer.Ordinal);
    private long generation;
    private long rosterGeneration;
    private volatile Snapshot? current;

    public sealed record Category(ServiceCategory Entity, string? ParentCode);

    public sealed record Responsible(Guid TeamId, string Code, string Name, Guid? LeaderId, Guid? DeputyDirectorId);

    public sealed record Place(Guid RoomId, string Code, string Name, string Building, string Campus, string CampusName, string? Region);

    public async Task<Category?> CategoryAsync(AppDbContext db, string code, CancellationToken ct) =>
        (await SnapshotAsync(db, ct)).Categories.GetValueOrDefault(code);

    public async Task<Responsible?> TeamOfPostAsync(AppDbContext db, string postCode, CancellationToken ct) =>
        (await SnapshotAsync(db, ct)).Teams.GetValueOrDefault(postCode);

    public async Task<Guid?> DirectorAsync(AppDbContext db, CancellationToken ct) => (await SnapshotAsync(db, ct)).DirectorId;

    /// <summary>Rooms are many, so each is loaded on first use; unknown codes are not remembered.</summary>
    public async Task<Place?> PlaceAsync(AppDbContext db, string roomCode, CancellationToken ct)
    {
        var s = await SnapshotAsync(db, ct);
        if (s.Rooms.TryGetValue(roomCode, out var known))
        {
            return known;
        }
        var place = await (
            from r in db.Set<Room>()
            join b in db.Set<Building>() on r.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            where r.Code == roomCode
            select new Place(r.Id, r.Code, r.Name, b.Name, c.Code, c.Name, c.RegionCode.Length > 0 ? c.RegionCode : null)
        ).SingleOrDefaultAsync(ct);
        if (place is not null)
        {
            s.Rooms.TryAdd(roomCode, place);
        }
        return place;
    }

    /// <summary>
    /// The first person on duty in the post at <paramref name="now"/> (a delegate for one who is away), or null when
    /// the roster has nobody. An answer is reused only within <c>RosterSeconds</c> of the instant it was read for,
    /// on both clocks, and never past the end of that person's shift, so a hand-over at the end of a shift is exact;
    /// a shift or absence that starts inside those seconds is seen when they are up.
    /// </summary>
    public async Task<Guid?> OnDutyAsync(AppDbContext db, string postCode, DateTime now, CancellationToken ct)
    {
        if (duty.TryGetValue(postCode, out var d) && d.Generation == Volatile.Read(ref rosterGeneration) && now >= d.At && now < d.Until && Stopwatch.GetElapsedTime(d.LoadedAt) < rosterAge)
        {
            return d.First;
        }
        var seen = Volatile.Read(ref rosterGeneration);
        var onDuty = await DutyQueries.WhoIsOnDutyAsync(db, postCode, now, ct);
        var until = now + rosterAge;
        if (onDuty.Count > 0 && onDuty[0].ShiftTo < until)
        {
            until = onDuty[0].ShiftTo;
        }
        d = new Duty(seen, Stopwatch.GetTimestamp(), now, until, onDuty.Count > 0 ? onDuty[0].UserId : null);
        if (seen == Volatile.Read(ref rosterGeneration))
        {
            duty[postCode] = d;
        }
        return d.First;
    }

    /// <summary>
    /// Whether the person holds one of the team's posts at <paramref name="now"/>. Read only when staff log a request
    /// (not for a requester's own report), so it is asked of the database each time rather than kept.
    /// </summary>
    public static Task<bool> WorksInTeamAsync(AppDbContext db, Guid userId, Guid teamId, DateTime now, CancellationToken ct) =>
        (
            from a in db.Set<PostAssignment>()
            join p in db.Set<Post>() on a.PostId equals p.Id
            where a.UserId == userId && p.TeamId == teamId && a.From <= now && (a.To == null || a.To > now)
            select a
        ).AnyAsync(ct);

    /// <summary>Called when a change to a roster, an absence or a person is being saved, and again once it is saved.</summary>
    public void InvalidateRoster()
    {
        Interlocked.Increment(ref rosterGeneration);
        duty.Clear();
    }

    /// <summary>Called when a change to the organisation is being saved, and again once it is saved.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        current = null;
    }

    private async ValueTask<Snapshot> SnapshotAsync(AppDbContext db, CancellationToken ct)
    {
        var s = current;
        if (s is not null && s.Generation == Volatile.Read(ref generation) && Stopwatch.GetElapsedTime(s.LoadedAt) < maxAge)
        {
            return s;
        }
        // Taken before reading: a change saved while loading leaves this snapshot already stale.
        var seen = Volatile.Read(ref generation);
        var categories = await db.Set<ServiceCategory>().AsNoTracking().ToListAsync(ct);
        var codes = categories.ToDictionary(c => c.Id, c => c.Code);
        var teams = await (
            from p in db.Set<Post>()
            join t in db.Set<Team>() on p.TeamId equals t.Id
            select new { p.Code, Team = new Responsible(t.Id, t.Code, t.Name, t.LeaderId, t.DeputyDirectorId) }
        ).ToListAsync(ct);
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        s = new Snapshot(
            seen,
            Stopwatch.GetTimestamp(),
            categories.ToDictionary(c => c.Code, c => new Category(c, c.ParentId is { } p ? codes.GetValueOrDefault(p) : null), StringComparer.Ordinal),
            teams.ToDictionary(t => t.Code, t => t.Team, StringComparer.Ordinal),
            director,
            new ConcurrentDictionary<string, Place>(StringComparer.Ordinal)
        );
        if (seen == Volatile.Read(ref generation))
        {
            current = s;
        }
        return s;
    }

    private sealed record Duty(long Generation, long LoadedAt, DateTime At, DateTime Until, Guid? First);

    private sealed record Snapshot(
        long Generation,
        long LoadedAt,
        Dictionary<string, Category> Categories,
        Dictionary<string, Responsible> Teams,
        Guid? DirectorId,
        ConcurrentDictionary<string, Place> Rooms
    );
}

/// <summary>
/// Drops <see cref="IntakeDirectory"/> when a save on this node touches what it holds: before the save (so a load
/// racing it is not kept) and after it.
/// </summary>
internal sealed class OrganisationChanges(IntakeDirectory directory) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Watched = [typeof(ServiceCategory), typeof(Post), typeof(Team), typeof(Office), typeof(Room), typeof(Building), typeof(Campus)];

    /// <summary>Who is on duty: the rosters, absences with their delegates, and people (a disabled one is never on duty).</summary>
    private static readonly HashSet<Type> Roster = [typeof(DutyRosterEntry), typeof(Absence), typeof(User)];

    private readonly ConditionalWeakTable<DbContext, Touched> touched = new();

    private sealed record Touched(bool Organisation, bool Roster);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return Task.CompletedTask;
    }

    private void Before(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // SaveChanges has just detected changes; detecting them again here would double its cost for big saves.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var (organisation, roster) = (false, false);
            foreach (var e in tracker.Entries())
            {
                if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                {
                    organisation |= Watched.Contains(e.Metadata.ClrType);
                    roster |= Roster.Contains(e.Metadata.ClrType);
                }
            }
            if (organisation || roster)
            {
                var t = new Touched(organisation, roster);
                touched.AddOrUpdate(context, t);
                Drop(t);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void After(DbContext? context)
    {
        if (context is not null && touched.TryGetValue(context, out var t))
        {
            touched.Remove(context);
            Drop(t);
        }
    }

    private void Drop(Touched t)
    {
        if (t.Organisation)
        {
            directory.Invalidate();
        }
        if (t.Roster)
        {
            directory.InvalidateRoster();
        }
    }
}
