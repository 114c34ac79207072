using Houqin.Data;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using PersonDto = Houqin.Features.ServiceDesk.RequestView.PersonDto;

namespace Houqin.Features.Accountability;

/// <summary>Cases as the API and the pages show them to one reader.</summary>
public static class CaseView
{
    public sealed record AccusedDto(PersonDto Person, string? Answer, DateTime? AnsweredAt);

    /// <summary><see cref="Link"/> is where to check it: the request, or the audit event's inclusion proof.</summary>
    public sealed record EvidenceDto(string Kind, string Ref, string? Link);

    /// <summary>The complaint the case came from; <see cref="Complainant"/> is null for the accused unless shared.</summary>
    public sealed record ComplaintDto(Guid Id, string Number, string Kind, string Text, PersonDto? Complainant, bool IdentityShared);

    public sealed record StepDto(long Sequence, DateTime At, string Actor, string Action, string? Note, string Proof);

    public sealed record CaseDto(
        Guid Id,
        string Origin,
        string Ground,
        string Status,
        string Summary,
        DateTime OpenedAt,
        PersonDto? OpenedBy,
        IReadOnlyList<AccusedDto> Accused,
        PersonDto? Investigator,
        DateTime? AnswerBy,
        IReadOnlyList<EvidenceDto> Evidence,
        ComplaintDto? Complaint,
        string? Decision,
        string Sanction,
        int PenaltyPoints,
        string? Findings,
        PersonDto? DecidedBy,
        DateTime? DecidedAt,
        string? Appeal,
        PersonDto? AppealedBy,
        DateTime? AppealedAt,
        string? Ruling,
        string? RulingReasons,
        PersonDto? RuledBy,
        DateTime? RuledAt,
        IReadOnlyList<string> Offers,
        IReadOnlyList<StepDto>? Timeline
    );

    public static string? Link(CaseEvidence e) =>
        e.Kind switch
        {
            EvidenceKind.Request => $"/requests/{e.Ref}",
            EvidenceKind.AuditEvent => $"/api/v1/audit/events/{e.Ref}/proof",
            _ => null,
        };

    /// <summary>
    /// The evidence in the order it was added (a case's query returns it in whatever order the database joins it; PostgreSQL
    /// and SQLite differ). All of it comes with the opening, in the order cited, and the key is given as each piece is
    /// saved, so the key's order is the order of adding.
    /// </summary>
    private static IEnumerable<CaseEvidence> InOrderAdded(IEnumerable<CaseEvidence> evidence) => evidence.OrderBy(e => e.Id);

    public static async Task<List<CaseDto>> ShowAsync(AppDbContext db, IReadOnlyList<AccountabilityCase> cases, CaseReader reader, bool withTimeline, CancellationToken ct)
    {
        var complaintIds = cases.Select(c => c.ComplaintId).OfType<Guid>().Distinct().ToList();
        var complaints = await db.Set<Complaint>().AsNoTracking().Where(c => complaintIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var ids = cases
            .SelectMany(c => new[] { c.OpenedById, c.InvestigatorId, c.DecidedById, c.AppealedById, c.RuledById }.Concat(c.Accused.Select(a => (Guid?)a.UserId)))
            .Concat(complaints.Values.Select(c => (Guid?)c.ComplainantId))
            .OfType<Guid>()
            .Distinct()
            .ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new PersonDto(u.UserName ?? "", u.DisplayName), ct);
        var steps = withTimeline ? await TimelineAsync(db, cases.Select(c => c.Id.ToString()).ToList(), ct) : null;
        PersonDto? P(Guid? id) => id is { } i ? people[i] : null;
        return cases
            .Select(c =>
            {
                var complaint = c.ComplaintId is { } k && complaints.TryGetValue(k, out var found) ? found : null;
                return new CaseDto(
                    c.Id,
                    c.Origin.ToString(),
                    c.Ground.ToString(),
                    c.Status.ToString(),
                    c.Summary,
                    c.OpenedAt,
                    P(c.OpenedById),
                    c.Accused.Select(a => new AccusedDto(people[a.UserId], a.Answer, a.AnsweredAt)).ToList(),
                    P(c.InvestigatorId),
                    c.AnswerBy,
                    InOrderAdded(c.Evidence).Select(e => new EvidenceDto(e.Kind.ToString(), e.Ref, Link(e))).ToList(),
                    complaint is null
                        ? null
                        : new ComplaintDto(
                            complaint.Id,
                            complaint.Number,
                            complaint.Kind.ToString(),
                            complaint.Text,
                            reader.SeesComplainant(c, complaint.ShareIdentity) ? people[complaint.ComplainantId] : null,
                            complaint.ShareIdentity
                        ),
                    c.Decision?.ToString(),
                    c.Sanction.ToString(),
                    c.PenaltyPoints,
                    c.Findings,
                    P(c.DecidedById),
                    c.DecidedAt,
                    c.Appeal,
                    P(c.AppealedById),
                    c.AppealedAt,
                    c.Ruling?.ToString(),
                    c.RulingReasons,
                    P(c.RuledById),
                    c.RuledAt,
                    reader.Offers(c),
                    steps?[c.Id.ToString()]
                );
            })
            .ToList();
    }

    private static async Task<Dictionary<string, IReadOnlyList<StepDto>>> TimelineAsync(AppDbContext db, List<string> ids, CancellationToken ct)
    {
        var events = await db.Set<AuditEvent>()
            .AsNoTracking()
            .Where(e => e.SubjectType == AccountabilityCase.SubjectType && ids.Contains(e.SubjectId))
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.SubjectId, Step = new StepDto(e.Sequence, e.At, e.Actor, e.Action, e.Reason, "") })
            .ToListAsync(ct);
        return ids.ToDictionary(
            id => id,
            id => (IReadOnlyList<StepDto>)events.Where(e => e.SubjectId == id).Select(e => e.Step with { Proof = $"/api/v1/audit/events/{e.Step.Sequence}/proof" }).ToList()
        );
    }
}
