using System.Buffers.Text;
using Houqin.Data;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Notifications;

/// <summary>
/// The signed-in person's own notices, for the API and the page alike: the query is always by recipient, so
/// another person's notice is simply not there (404). Reading is not audited (docs/decisions/0007-outbox.md).
/// </summary>
public sealed class MyNotices(AppDbContext db, CurrentActor actor, TimeProvider clock, NoticeTexts texts)
{
    public sealed record Item(Guid Id, string Kind, string Text, string? Link, DateTime CreatedAt, bool Read);

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor);

    private Guid Me => actor.UserId ?? throw new InvalidOperationException("Not signed in.");

    private IQueryable<Notice> Mine => db.Set<Notice>().Where(n => n.RecipientId == Me);

    /// <summary>Newest first; <paramref name="after"/> is the last id of the previous page (ids are time-ordered).</summary>
    public async Task<Page> ListAsync(bool unreadOnly, Guid? after, int limit, CancellationToken ct)
    {
        var q = Mine.AsNoTracking();
        if (unreadOnly)
        {
            q = q.Where(n => n.ReadAt == null);
        }
        if (after is { } a)
        {
            q = q.Where(n => n.Id.CompareTo(a) < 0);
        }
        var take = Math.Clamp(limit, 1, 100);
        var rows = await q.OrderByDescending(n => n.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take)
            .Select(n => (Notice: n, Args: n.Arguments()))
            .Select(x => new Item(x.Notice.Id, x.Notice.Kind, texts.Render(x.Notice.Kind, x.Args), NoticeTexts.Link(x.Notice.SubjectType, x.Notice.SubjectId, x.Args), x.Notice.CreatedAt, x.Notice.ReadAt is not null))
            .ToList();
        return new Page(items, rows.Count > take ? WriteCursor(items[^1].Id) : null);
    }

    public Task<int> UnreadCountAsync(CancellationToken ct) => Mine.CountAsync(n => n.ReadAt == null, ct);

    /// <summary>False when the notice is not the caller's (or does not exist).</summary>
    public async Task<bool> MarkReadAsync(Guid id, CancellationToken ct)
    {
        var notice = await Mine.SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return false;
        }
        notice.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<int> MarkAllReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public static string WriteCursor(Guid id) => Base64Url.EncodeToString(id.ToByteArray(bigEndian: true));

    public static bool TryReadCursor(string? cursor, out Guid? id)
    {
        id = null;
        if (cursor is null)
        {
            return true;
        }
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            if (bytes.Length != 16)
            {
                return false;
            }
            id = new Guid(bytes, bigEndian: true);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
