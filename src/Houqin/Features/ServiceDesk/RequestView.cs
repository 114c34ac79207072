using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>A request as the API shows it.</summary>
public static class RequestView
{
    public sealed record PersonDto(string UserName, string DisplayName);

    /// <summary>The team that answers for the request (ADR 0032): whose board it is on, whose chain the ladder climbs.</summary>
    public sealed record TeamDto(string Code, string Name);

    public sealed record CommitmentsDto(DateTime AcknowledgeBy, DateTime ArriveBy, DateTime ResolveBy, bool Provisional);

    public sealed record CallerDto(string? Name, string? Phone);

    public sealed record TimelineEntry(DateTime At, string Actor, string Action, string? Note);

    public sealed record CompletionDto(string? Method, string? Result, IReadOnlyList<string> Materials, DateTime? At);

    public sealed record HandOffDto(PersonDto To, string? Reason, DateTime? AcceptBy);

    public sealed record ExtensionDto(DateTime ResolveBy, string? Reason);

    /// <param name="FollowUpBy">When the owner must have recorded that the requester was helped there (ADR 0021).</param>
    public sealed record ReferralDto(string? ReferredTo, string? Reason, DateTime? At, DateTime? HelpedAt, DateTime? FollowUpBy);

    public sealed record RequestDto(
        Guid Id,
        string Number,
        string Status,
        string CategoryCode,
        string RoomCode,
        string Description,
        string Urgency,
        string Channel,
        TeamDto Team,
        PersonDto? Requester,
        CallerDto? Caller,
        PersonDto FirstContactOwner,
        PersonDto Handler,
        int EscalationLevel,
        IReadOnlyList<PersonDto> CoOwners,
        CommitmentsDto Commitments,
        bool Overdue,
        DateTime CreatedAt,
        CompletionDto? Completion,
        IReadOnlyList<TimelineEntry>? Timeline,
        int Bounces,
        int Reopened,
        bool AutoConfirmed,
        DateTime? ConfirmedAt,
        string LadderWaitingFor,
        HandOffDto? HandOff,
        string? PauseReason,
        ExtensionDto? Extension,
        ReferralDto? Referral,
        DateTime? ArrivedAt,
        PersonDto? ArrivedBy
    );

    /// <summary>What showing requests needs besides their rows: the people's names, the rooms' and categories' codes, the teams.</summary>
    public sealed record Names(
        IReadOnlyDictionary<Guid, PersonDto> People,
        IReadOnlyDictionary<Guid, string> Rooms,
        IReadOnlyDictionary<Guid, string> Categories,
        IReadOnlyDictionary<Guid, TeamDto> Teams
    );

    public static async Task<List<RequestDto>> ShowAsync(AppDbContext db, IReadOnlyList<ServiceRequest> requests, bool withTimeline, CancellationToken ct)
    {
        var userIds = requests
            .SelectMany(r => r.CoOwners.Append(r.FirstContactOwnerId).Append(r.HandlerId).Concat(r.RequesterId is { } q ? [q] : []).Concat(r.HandOffToId is { } h ? [h] : []).Concat(r.ArrivedById is { } a ? [a] : []))
            .Distinct()
            .ToList();
        var people = await db.Users.Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new PersonDto(u.UserName ?? "", u.DisplayName), ct);
        var roomIds = requests.Select(r => r.RoomId).Distinct().ToList();
        var rooms = await db.Set<Room>().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Code, ct);
        var categoryIds = requests.Select(r => r.CategoryId).Distinct().ToList();
        var categories = await db.Set<ServiceCategory>().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var teamIds = requests.Select(r => r.TeamId).Distinct().ToList();
        var teams = await db.Set<Team>().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => new TeamDto(t.Code, t.Name), ct);
        var timelines = new Dictionary<string, List<TimelineEntry>>(StringComparer.Ordinal);
        if (withTimeline)
        {
            var ids = requests.Select(r => r.Id.ToString()).ToList();
            var events = await db.Set<AuditEvent>()
                .Where(e => e.SubjectType == Intake.SubjectType && ids.Contains(e.SubjectId))
                .OrderBy(e => e.Sequence)
                .Select(e => new { e.SubjectId, e.At, e.Actor, e.Action, e.Reason })
                .ToListAsync(ct);
            timelines = events.GroupBy(e => e.SubjectId)
                .ToDictionary(g => g.Key, g => g.Select(e => new TimelineEntry(e.At, e.Actor, e.Action, e.Reason)).ToList(), StringComparer.Ordinal);
        }
        var names = new Names(people, rooms, categories, teams);
        return requests.Select(r => Show(r, names, withTimeline ? timelines.GetValueOrDefault(r.Id.ToString()) ?? [] : null)).ToList();
    }

    /// <summary>One request from names already at hand (intake holds them all when it answers a create).</summary>
    public static RequestDto Show(ServiceRequest r, Names names, IReadOnlyList<TimelineEntry>? timeline)
    {
        var (people, rooms, categories, teams) = (names.People, names.Rooms, names.Categories, names.Teams);
        return new RequestDto(
                r.Id,
                r.Number,
                r.Status.ToString(),
                categories[r.CategoryId],
                rooms[r.RoomId],
                r.Description,
                r.Urgency.ToString(),
                r.Channel.ToString(),
                teams[r.TeamId],
                r.RequesterId is { } q ? people[q] : null,
                r.CallerName is null ? null : new CallerDto(r.CallerName, r.CallerPhone),
                people[r.FirstContactOwnerId],
                people[r.HandlerId],
                r.EscalationLevel,
                r.CoOwners.Select(c => people[c]).ToList(),
                new CommitmentsDto(r.AcknowledgeBy, r.ArriveBy, r.ResolveBy, r.CommitmentsProvisional),
                r.Overdue,
                r.CreatedAt,
                r.CompletedAt is null ? null : new CompletionDto(r.CompletionMethod, r.CompletionResult, r.Materials, r.CompletedAt),
                timeline,
                r.Bounces,
                r.Reopened,
                r.AutoConfirmed,
                r.ConfirmedAt,
                r.LadderWaitingFor.ToString(),
                r.HandOffToId is { } to ? new HandOffDto(people[to], r.HandOffReason, r.HandOffDueAt) : null,
                r.PauseReason,
                r.ExtensionAskedFor is { } ext ? new ExtensionDto(ext, r.ExtensionReason) : null,
                r.Status == RequestStatus.Referred ? new ReferralDto(r.ReferredTo, r.ReferralReason, r.ReferredAt, r.ReferralHelpedAt, r.ReferralFollowUpBy) : null,
                r.ArrivedAt,
                r.ArrivedById is { } arrivedBy ? people[arrivedBy] : null
            );
    }
}
