using Houqin.Data;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.ServiceDesk.Pages;

/// <summary>A request as a line of a list: number, status, place, category, and the commitment that counts now.</summary>
public sealed record RequestRow(
    Guid Id,
    string Number,
    string Status,
    string Urgency,
    string Place,
    string Category,
    DateTime CreatedAt,
    string? NextKey,
    DateTime? NextDue,
    bool Overdue,
    string? ReferredTo
)
{
    /// <summary>A page of a list: its rows and the cursor of the older ones, when there are more.</summary>
    public sealed record RowPage(IReadOnlyList<RequestRow> Rows, string? Older);

    /// <summary>A page of a list newest first, <paramref name="take"/> at most, from <paramref name="before"/> on.</summary>
    public static async Task<RowPage> LoadAsync(
        AppDbContext db,
        IStringLocalizer text,
        IReadOnlyList<IQueryable<ServiceRequest>> ranges,
        long? before,
        int take,
        CancellationToken ct
    ) => (await LoadAsync(db, text, [(ranges, before)], take, ct))[0];

    /// <summary>
    /// A page of each of several lists, newest first, each made of ranges paged as the API pages them
    /// (<see cref="RequestQueues.ReadAsync"/>: each range's newest read backwards on its index, merged here, which a
    /// UNION's plan is not always). The places and categories of all the lists are looked up once.
    /// </summary>
    public static Task<List<RowPage>> LoadAsync(
        AppDbContext db,
        IStringLocalizer text,
        IReadOnlyList<(IReadOnlyList<IQueryable<ServiceRequest>> Ranges, long? Before)> lists,
        int take,
        CancellationToken ct
    ) => LoadAsync(db, text, [.. lists.Select(l => Newest(l.Ranges, l.Before, take))], ct);

    /// <summary>How a list reads one page of its lines, given how a request becomes a line.</summary>
    public delegate Task<(List<Line> Lines, string? Older)> Reading(Func<IQueryable<ServiceRequest>, IQueryable<Line>> lines, CancellationToken ct);

    /// <summary>A list newest first from <paramref name="before"/> on (<see cref="RequestQueues.ReadAsync"/>).</summary>
    public static Reading Newest(IReadOnlyList<IQueryable<ServiceRequest>> ranges, long? before, int take) =>
        (lines, ct) => RequestQueues.ReadAsync(ranges, before, take, lines, l => l.Key, ct);

    /// <summary>
    /// The follow-ups owed, the due first, after <paramref name="after"/> (<see cref="RequestFollowUps.ReadAsync"/>):
    /// each marked overdue once its follow-up is due at <paramref name="now"/>, whatever else the request missed before.
    /// </summary>
    public static Reading FollowUps(IReadOnlyList<IQueryable<ServiceRequest>> ranges, RequestFollowUps.Place? after, int take, DateTime now) =>
        async (lines, ct) =>
        {
            var (read, next) = await RequestFollowUps.ReadAsync(ranges, after, take, lines, l => new RequestFollowUps.Place(l.FollowUpBy!.Value, l.Key), ct);
            return ([.. read.Select(l => l with { Overdue = l.FollowUpBy <= now })], next);
        };

    /// <summary>A page of each list as its reading reads it; the places and categories of all of them looked up once.</summary>
    public static async Task<List<RowPage>> LoadAsync(AppDbContext db, IStringLocalizer text, IReadOnlyList<Reading> lists, CancellationToken ct)
    {
        var pages = new List<(List<Line> Lines, string? Older)>();
        foreach (var read in lists)
        {
            pages.Add(await read(Lines, ct));
        }
        var all = pages.SelectMany(p => p.Lines).ToList();
        var places = await DeskLookups.PlacesAsync(db, all.Select(r => r.RoomId), ct);
        var categories = await DeskLookups.CategoryLabelsAsync(db, text, all.Select(r => r.CategoryId), ct);
        return pages
            .Select(p => new RowPage(
                p.Lines.Select(r =>
                    {
                        var (key, due) = Next(r);
                        return new RequestRow(r.Id, r.Number, r.Status.ToString(), r.Urgency.ToString(), places[r.RoomId], categories[r.CategoryId], r.CreatedAt, key, due, r.Overdue, r.ReferredTo);
                    })
                    .ToList(),
                p.Older
            ))
            .ToList();
    }

    /// <summary>
    /// The columns a line shows, not the whole request (its description, co-owners and materials stay in the table);
    /// the key (and a referral's due follow-up) to merge ranges by.
    /// </summary>
    public sealed record Line(
        Guid Id,
        long Key,
        string Number,
        RequestStatus Status,
        Urgency Urgency,
        Guid RoomId,
        Guid CategoryId,
        DateTime CreatedAt,
        DateTime AcknowledgeBy,
        DateTime? AcknowledgedAt,
        DateTime ArriveBy,
        DateTime? ArrivedAt,
        DateTime ResolveBy,
        DateTime? CompletedAt,
        bool Overdue,
        string? ReferredTo,
        DateTime? ReferralHelpedAt,
        DateTime? FollowUpBy
    );

    private static IQueryable<Line> Lines(IQueryable<ServiceRequest> query) =>
        query.Select(r => new Line(
            r.Id,
            r.Key,
            r.Number,
            r.Status,
            r.Urgency,
            r.RoomId,
            r.CategoryId,
            r.CreatedAt,
            r.AcknowledgeBy,
            r.AcknowledgedAt,
            r.ArriveBy,
            r.ArrivedAt,
            r.ResolveBy,
            r.CompletedAt,
            r.Overdue,
            r.ReferredTo,
            r.ReferralHelpedAt,
            r.ReferralFollowUpBy
        ));

    /// <summary>
    /// The next promise the office has to keep: acknowledge, be there, resolve; none once the work is done. A referral
    /// is out of the office's work: what it still owes is the follow-up (ADR 0021), until it is recorded.
    /// </summary>
    private static (string?, DateTime?) Next(Line r) =>
        r switch
        {
            { Status: RequestStatus.Referred, ReferralHelpedAt: null, FollowUpBy: { } by } => ("Referral_FollowUpBy", by),
            { Status: RequestStatus.Referred } => (null, null),
            { AcknowledgedAt: null, CompletedAt: null } => ("Commit_Acknowledge", r.AcknowledgeBy),
            { ArrivedAt: null, CompletedAt: null } => ("Commit_Arrive", r.ArriveBy),
            { CompletedAt: null } => ("Commit_Resolve", r.ResolveBy),
            _ => (null, null),
        };
}
