using System.Linq.Expressions;
using System.Security.Claims;
using Houqin.Data;
using Microsoft.EntityFrameworkCore;
using PersonDto = Houqin.Features.ServiceDesk.RequestView.PersonDto;

namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>
/// Who reads a complaint: the complainant, the person it went to, the director and the auditor in full; the
/// person complained about too, but without the complainant's name unless the complainant chose to share it.
/// </summary>
public sealed record ComplaintReader(Guid UserId, bool SeesEvery)
{
    public static ComplaintReader Of(ClaimsPrincipal user) =>
        new(ServiceDeskApi.UserId(user), user.IsInRole(Roles.Director) || user.IsInRole(Roles.Auditor));

    public Expression<Func<Complaint, bool>> Visible()
    {
        var (me, every) = (UserId, SeesEvery);
        return c => every || c.ComplainantId == me || c.ResponsibleId == me || c.StaffId == me;
    }

    /// <summary>Being the accused outweighs any other reason to know: the director complained about is not told either.</summary>
    public bool SeesComplainant(Complaint c) => c.ShareIdentity || c.StaffId != UserId || c.ComplainantId == UserId;
}

/// <summary>Ratings, self-evaluations, complaints and return visits as the API shows them.</summary>
public static class FeedbackView
{
    public sealed record RatingDto(bool IsDefault, int? Timeliness, int? Quality, int? Attitude, int? Satisfaction, string? Comment, DateTime At);

    public sealed record SelfEvaluationDto(PersonDto Evaluator, int Timeliness, int Quality, int Attitude, int Satisfaction, string? Comment, DateTime At);

    public sealed record ComplaintDto(
        Guid Id,
        Guid RequestId,
        string Number,
        string Kind,
        PersonDto Staff,
        PersonDto? Complainant,
        bool IdentityShared,
        PersonDto Responsible,
        string Text,
        string Status,
        DateTime FiledAt,
        DateTime AnswerBy,
        bool Overdue,
        string? Answer,
        PersonDto? AnsweredBy,
        DateTime? AnsweredAt,
        bool? Upheld
    );

    public sealed record ReturnVisitDto(
        Guid Id,
        Guid RequestId,
        string Number,
        string Reason,
        string Status,
        DateTime OpenedAt,
        int UnreachableAttempts,
        string? Outcome,
        string? Note,
        PersonDto? VisitedBy,
        DateTime? VisitedAt
    );

    public sealed record FeedbackDto(RatingDto? Rating, SelfEvaluationDto? SelfEvaluation, IReadOnlyList<ComplaintDto> Complaints, IReadOnlyList<ReturnVisitDto> ReturnVisits);

    /// <summary>Everything said about one request, for someone who may see it; the self-evaluation for staff only.</summary>
    public static async Task<FeedbackDto> ForRequestAsync(AppDbContext db, ServiceRequest request, Viewer viewer, ComplaintReader reader, CancellationToken ct)
    {
        var rating = await Ratings.WithDefaults(db).AsNoTracking().SingleOrDefaultAsync(r => r.RequestId == request.Id, ct);
        var self = viewer.IsStaff || viewer.SeesAll
            ? await db.Set<SelfEvaluation>().AsNoTracking().SingleOrDefaultAsync(s => s.RequestId == request.Id, ct)
            : null;
        var complaints = await db.Set<Complaint>().AsNoTracking().Where(c => c.RequestId == request.Id).Where(reader.Visible()).OrderBy(c => c.FiledAt).ToListAsync(ct);
        var visits = await db.Set<ReturnVisit>().AsNoTracking().Where(v => v.RequestId == request.Id).OrderBy(v => v.OpenedAt).ToListAsync(ct);
        var people = await PeopleAsync(db, ComplaintPeople(complaints).Concat(visits.Select(v => v.VisitedById)).Append(self?.EvaluatorId), ct);
        return new FeedbackDto(
            rating is null ? null : new RatingDto(rating.IsDefault, rating.Timeliness, rating.Quality, rating.Attitude, rating.Satisfaction, rating.Comment, rating.At),
            self is null ? null : new SelfEvaluationDto(people[self.EvaluatorId], self.Timeliness, self.Quality, self.Attitude, self.Satisfaction, self.Comment, self.At),
            complaints.Select(c => Show(c, reader, people)).ToList(),
            visits.Select(v => Show(v, request.Number, people)).ToList()
        );
    }

    public static async Task<List<ComplaintDto>> ComplaintsAsync(AppDbContext db, IReadOnlyList<Complaint> complaints, ComplaintReader reader, CancellationToken ct)
    {
        var people = await PeopleAsync(db, ComplaintPeople(complaints), ct);
        return complaints.Select(c => Show(c, reader, people)).ToList();
    }

    public static async Task<List<ReturnVisitDto>> VisitsAsync(AppDbContext db, IReadOnlyList<(ReturnVisit Visit, string Number)> visits, CancellationToken ct)
    {
        var people = await PeopleAsync(db, visits.Select(v => v.Visit.VisitedById), ct);
        return visits.Select(v => Show(v.Visit, v.Number, people)).ToList();
    }

    private static IEnumerable<Guid?> ComplaintPeople(IEnumerable<Complaint> complaints) =>
        complaints.SelectMany(c => new Guid?[] { c.StaffId, c.ComplainantId, c.ResponsibleId, c.AnsweredById });

    private static ComplaintDto Show(Complaint c, ComplaintReader reader, Dictionary<Guid, PersonDto> people)
    {
        var named = reader.SeesComplainant(c);
        return new ComplaintDto(
            c.Id,
            c.RequestId,
            c.Number,
            c.Kind.ToString(),
            people[c.StaffId],
            named ? people[c.ComplainantId] : null,
            c.ShareIdentity,
            people[c.ResponsibleId],
            c.Text,
            c.Status.ToString(),
            c.FiledAt,
            c.AnswerBy,
            c.Overdue,
            c.Answer,
            c.AnsweredById is { } a ? people[a] : null,
            c.AnsweredAt,
            c.Upheld
        );
    }

    private static ReturnVisitDto Show(ReturnVisit v, string number, Dictionary<Guid, PersonDto> people) =>
        new(
            v.Id,
            v.RequestId,
            number,
            v.Reason.ToString(),
            v.Status.ToString(),
            v.OpenedAt,
            v.UnreachableAttempts,
            v.Outcome?.ToString(),
            v.Note,
            v.VisitedById is { } by ? people[by] : null,
            v.VisitedAt
        );

    private static async Task<Dictionary<Guid, PersonDto>> PeopleAsync(AppDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new PersonDto(u.UserName ?? "", u.DisplayName), ct);
    }
}
