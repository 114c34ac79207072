using System.Globalization;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The referrals whose follow-up a staff member owes (ADR 0021): those they referred as first contact, and those the
/// ladder made them co-owner of. The follow-up due first comes first, so the list is paged on (follow-up due, key)
/// and not newest first as the other lists are; its cursor is its own (ADR 0025).
/// </summary>
public static class RequestFollowUps
{
    /// <summary>A place in the list: a follow-up's due instant, then the request's key among those due together.</summary>
    public readonly record struct Place(DateTime Due, long Key);

    /// <summary>
    /// The two ranges, each one partial index (ServiceRequestConfiguration, written as these filters write it):
    /// owed as first contact, and owed as a co-owner of an escalated request someone else owns; never the same
    /// request in both.
    /// </summary>
    public static IQueryable<ServiceRequest>[] Ranges(IQueryable<ServiceRequest> all, Guid me)
    {
        var owed = all.Where(r => r.Status == RequestStatus.Referred && r.ReferralHelpedAt == null);
        return [owed.Where(r => r.FirstContactOwnerId == me), owed.Where(r => r.EscalationLevel > 0 && r.CoOwners.Contains(me) && r.FirstContactOwnerId != me)];
    }

    /// <summary>
    /// One page: each range's first <paramref name="take"/> + 1 after <paramref name="after"/>, read forwards on its index
    /// (<c>Due &gt;= @due AND (Due &gt; @due OR Key &gt; @key) ORDER BY Due, Key LIMIT n+1</c>: the range starts at the
    /// due instant; the few due with it are skipped in the index), merged; and the cursor of the next page.
    /// A referral always has its due instant (<see cref="ServiceRequest.Refer"/>).
    /// </summary>
    public static Task<(List<T> Items, string? Next)> ReadAsync<T>(
        IEnumerable<IQueryable<ServiceRequest>> ranges,
        Place? after,
        int take,
        Func<IQueryable<ServiceRequest>, IQueryable<T>> project,
        Func<T, Place> placeOf,
        CancellationToken ct
    ) =>
        RequestQueues.ReadInOrderAsync(
            ranges,
            range =>
                (after is { } a ? range.Where(r => r.ReferralFollowUpBy >= a.Due && (r.ReferralFollowUpBy > a.Due || r.Key > a.Key)) : range)
                    .OrderBy(r => r.ReferralFollowUpBy)
                    .ThenBy(r => r.Key),
            take,
            project,
            // The two ranges never hold the same request.
            read => read.OrderBy(i => placeOf(i).Due).ThenBy(i => placeOf(i).Key),
            last => WriteCursor(placeOf(last)),
            ct
        );

    /// <summary>base64url of "ticks:year:sequence": the due instant's UTC ticks and the request's number.</summary>
    public static string WriteCursor(Place last)
    {
        var (year, seq) = ServiceRequest.OfKey(last.Key);
        return RequestQueues.Cursor(string.Create(CultureInfo.InvariantCulture, $"{last.Due.Ticks}:{year}:{seq}"));
    }

    /// <summary>The place a page starts after: none without a cursor (the first due); false for a cursor no page of ours wrote.</summary>
    public static bool TryReadCursor(string? cursor, out Place? after)
    {
        after = null;
        if (cursor is null)
        {
            return true;
        }
        if (
            RequestQueues.CursorFields(cursor) is [var t, var y, var s]
            && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks
            && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
        )
        {
            after = new Place(new DateTime(ticks, DateTimeKind.Utc), ServiceRequest.KeyOf(year, seq));
            return true;
        }
        return false;
    }
}
