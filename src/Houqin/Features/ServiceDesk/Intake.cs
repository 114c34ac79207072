using System.Security.Cryptography;
using System.Text;
using Houqin.Data;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>What a requester reports, or what staff log for a caller (with channel and caller).</summary>
public sealed record NewRequest(string CategoryCode, string RoomCode, string Description, Urgency Urgency, Channel Channel, string? CallerName, string? CallerPhone)
{
    public string Hash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', CategoryCode, RoomCode, Description, Urgency, Channel, CallerName, CallerPhone))));
}

/// <summary>
/// A create call's outcome: the request, whether this call made it or replayed an earlier one, and — for one it
/// made — the names its answer shows, which intake already holds (a replay's are read again).
/// </summary>
public sealed record IntakeResult(ServiceRequest Request, bool Created, RequestView.Names? Names = null);

/// <summary>
/// Takes requests in: resolves the place and category, fixes the first-contact owner and the commitments, all
/// outside any transaction and side by side with other creates; then hands the create to <see cref="IntakeWriter"/>,
/// which numbers and records it with the others waiting (one transaction, ADR 0010) and answers once it is committed.
/// </summary>
public sealed class Intake(AppDbContext db, CurrentActor actor, IntakeDirectory directory, CalendarCache calendars, Policies policies, TimeProvider clock, IntakeWriter writer)
{
    public const string SubjectType = "ServiceRequest";

    public async Task<IntakeResult> CreateAsync(Guid caller, bool callerIsStaff, NewRequest input, string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is not null && await ReplayAsync(db, caller, idempotencyKey, input, ct) is { } earlier)
        {
            return new IntakeResult(earlier, false);
        }
        var logged = input.Channel != Channel.Web;
        if (logged && !callerIsStaff)
        {
            throw new InvalidFieldException("channel", "Only staff log requests for someone else.");
        }
        var category = await directory.CategoryAsync(db, input.CategoryCode, ct) ?? throw new InvalidFieldException("categoryCode", "No such service category.");
        var place = await directory.PlaceAsync(db, input.RoomCode, ct) ?? throw new InvalidFieldException("roomCode", "No such room.");
        var team = await directory.TeamOfPostAsync(db, category.Entity.PostCode, ct)
            ?? throw new InvalidOperationException($"Category {category.Entity.Code} names no existing post.");

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        // The commitments of the policy in force now are fixed on the request: a later version never moves them.
        var desk = await policies.DeskAsync(ct);
        var due = desk.CommitmentFor(category.Entity.Code, category.ParentCode, input.Urgency).DueFrom(now, calendar, new WorkingPlace(place.Campus, place.Region));
        // 首问负责制: whoever logs a call owns it; a requester's own report is owned by whoever receives it at the post.
        var owner = logged ? caller : await ReceiverAsync(category.Entity.PostCode, team, now, ct);
        var handler = logged ? await HandlerOfLoggedAsync(caller, category.Entity.PostCode, team, now, ct) : owner;
        // A logged request's owner is the caller, so the caller and the handler are everyone it names.
        var people = await PeopleQuery(db, caller, logged ? handler : owner).ToListAsync(ct);

        var draft = new IntakeDraft(caller, actor.UserName, logged, input, idempotencyKey, category, place, team, owner, handler, due, now, people);
        // Field errors belong to this call alone: building the request once here (unnumbered) raises them before
        // the create joins a batch.
        draft.Build(new RequestNumber(draft.Year, 0));
        return await writer.WriteAsync(draft).WaitAsync(ct);
    }

    // Compiled: every create asks both, and EF's query cache lookup and parameter extraction are a good part of
    // a small query's CPU (docs/performance.md, "intake CPU per create").
    private static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<IdempotencyKey?>> StoredKey = EF.CompileAsyncQuery(
        (AppDbContext db, Guid caller, string key, CancellationToken ct) => db.Set<IdempotencyKey>().AsNoTracking().SingleOrDefault(k => k.UserId == caller && k.Key == key)
    );

    private static readonly Func<AppDbContext, Guid, Guid, IAsyncEnumerable<IntakePerson>> PeopleQuery = EF.CompileAsyncQuery(
        (AppDbContext db, Guid caller, Guid owner) => db.Users.Where(u => u.Id == caller || u.Id == owner).Select(u => new IntakePerson(u.Id, u.DisplayName, u.UserName))
    );

    internal static async Task<ServiceRequest?> ReplayAsync(AppDbContext db, Guid caller, string key, NewRequest input, CancellationToken ct)
    {
        var stored = await StoredKey(db, caller, key, ct);
        if (stored is null)
        {
            return null;
        }
        if (stored.BodyHash != input.Hash())
        {
            throw new RequestRuleException("idempotency_key_reused", "This Idempotency-Key was used for a different request.");
        }
        return await db.Set<ServiceRequest>().SingleAsync(r => r.Id == stored.RequestId, ct);
    }

    /// <summary>
    /// Who receives a request at the post now: the person on duty there (a delegate when they are away); when the
    /// roster has nobody, the responsible team's leader, then its deputy director, then the office's director. The
    /// first-contact owner of a requester's own report, and the handler of a call logged by someone outside the team.
    /// </summary>
    private async Task<Guid> ReceiverAsync(string postCode, IntakeDirectory.Responsible team, DateTime now, CancellationToken ct)
    {
        if (await directory.OnDutyAsync(db, postCode, now, ct) is { } onDuty)
        {
            return onDuty;
        }
        return team.LeaderId ?? team.DeputyDirectorId ?? await directory.DirectorAsync(db, ct)
            ?? throw new InvalidOperationException($"Nobody answers for post {postCode}: no roster, leader or director.");
    }

    /// <summary>
    /// A logged request goes to whoever receives the category's requests at its post now (ADR 0022): a front-desk
    /// clerk who takes a call about a burst pipe cannot mend it. The logger keeps it when they work in the post's
    /// team (they hold one of its posts now, or lead it): they are the people the post would send anyway.
    /// </summary>
    private async Task<Guid> HandlerOfLoggedAsync(Guid logger, string postCode, IntakeDirectory.Responsible team, DateTime now, CancellationToken ct) =>
        team.LeaderId == logger || await IntakeDirectory.WorksInTeamAsync(db, logger, team.TeamId, now, ct) ? logger : await ReceiverAsync(postCode, team, now, ct);
}
