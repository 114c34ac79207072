using System.Security.Cryptography;
using System.Text;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk.Search;
using Houqin.Infrastructure.Audit;
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

/// <summary>A create call's outcome: the request, and whether this call made it or replayed an earlier one.</summary>
public sealed record IntakeResult(ServiceRequest Request, bool Created);

/// <summary>
/// Takes requests in: resolves the place and category, fixes the first-contact owner and the commitments,
/// numbers the request and records it, all in one transaction.
/// </summary>
public sealed class Intake(AppDbContext db, AuditLog audit, CalendarCache calendars, Policies policies, TimeProvider clock, RequestTimers timers, RequestNotices notices)
{
    public const string SubjectType = "ServiceRequest";

    public async Task<IntakeResult> CreateAsync(Guid caller, bool callerIsStaff, NewRequest input, string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is not null && await ReplayAsync(caller, idempotencyKey, input, ct) is { } earlier)
        {
            return new IntakeResult(earlier, false);
        }
        var logged = input.Channel != Channel.Web;
        if (logged && !callerIsStaff)
        {
            throw new InvalidFieldException("channel", "Only staff log requests for someone else.");
        }
        var found = await db.Set<ServiceCategory>()
            .Where(c => c.Code == input.CategoryCode)
            .Select(c => new { Category = c, Parent = db.Set<ServiceCategory>().Where(p => p.Id == c.ParentId).Select(p => p.Code).FirstOrDefault() })
            .SingleOrDefaultAsync(ct) ?? throw new InvalidFieldException("categoryCode", "No such service category.");
        var category = found.Category;
        var place = await (
            from r in db.Set<Room>()
            join b in db.Set<Building>() on r.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            where r.Code == input.RoomCode
            select new { RoomId = r.Id, Campus = c.Code, Region = c.RegionCode }
        ).SingleOrDefaultAsync(ct) ?? throw new InvalidFieldException("roomCode", "No such room.");
        var team = await (
            from p in db.Set<Post>()
            join t in db.Set<Team>() on p.TeamId equals t.Id
            where p.Code == category.PostCode
            select t
        ).SingleOrDefaultAsync(ct) ?? throw new InvalidOperationException($"Category {category.Code} names no existing post.");

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        // The commitments of the policy in force now are fixed on the request: a later version never moves them.
        var desk = await policies.DeskAsync(ct);
        var due = desk.CommitmentFor(category.Code, found.Parent, input.Urgency)
            .DueFrom(now, calendar, new WorkingPlace(place.Campus, place.Region.Length > 0 ? place.Region : null));
        var owner = logged ? caller : await FirstContactAsync(category.PostCode, team, now, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var number = await RequestNumbers.NextAsync(db, WorkingCalendar.LocalDate(now).Year, ct);
        var request = logged
            ? ServiceRequest.Log(number, caller, input.Channel, input.CallerName ?? "", input.CallerPhone ?? "", place.RoomId, category, team.Id, input.Description, input.Urgency, due, now)
            : ServiceRequest.Submit(number, caller, place.RoomId, category, team.Id, input.Description, input.Urgency, owner, due, now);
        db.Add(request);
        await RequestSearch.IndexAsync(db, request, ct);
        timers.ScheduleCommitments(request);
        notices.Tell(request, "service_request.assigned", [request.FirstContactOwnerId]);
        if (idempotencyKey is not null)
        {
            db.Add(new IdempotencyKey(caller, idempotencyKey, input.Hash(), request.Id, now));
        }
        audit.Record(
            logged ? "service_request.logged" : "service_request.submitted",
            SubjectType,
            request.Id,
            new { request.Number, category = category.Code, room = input.RoomCode, urgency = input.Urgency.ToString(), channel = input.Channel.ToString(), owner }
        );
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // Most likely a concurrent call with the same key won the unique index: answer with its request.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await ReplayAsync(caller, idempotencyKey, input, ct) is { } winner)
            {
                return new IntakeResult(winner, false);
            }
            throw;
        }
        return new IntakeResult(request, true);
    }

    private async Task<ServiceRequest?> ReplayAsync(Guid caller, string key, NewRequest input, CancellationToken ct)
    {
        var stored = await db.Set<IdempotencyKey>().AsNoTracking().SingleOrDefaultAsync(k => k.UserId == caller && k.Key == key, ct);
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
    /// The person on duty in the receiving post now (a delegate when they are away); when the roster has
    /// nobody, the responsible team's leader, then its deputy director, then the office's director.
    /// </summary>
    private async Task<Guid> FirstContactAsync(string postCode, Team team, DateTime now, CancellationToken ct)
    {
        var onDuty = await DutyQueries.WhoIsOnDutyAsync(db, postCode, now, ct);
        if (onDuty.Count > 0)
        {
            return onDuty[0].UserId;
        }
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(ct);
        return team.LeaderId ?? team.DeputyDirectorId ?? director
            ?? throw new InvalidOperationException($"Nobody answers for post {postCode}: no roster, leader or director.");
    }
}
