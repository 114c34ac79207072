using System.Security.Claims;
using System.Globalization;
using Houqin.Data;
using Houqin.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// Public, anonymous on purpose: anyone may fetch the signed tree head and proofs and check the log
/// for themselves. Hashes, signatures and keys are base64.
/// </summary>
internal static class AuditEndpoints
{
    public sealed record TreeHeadResponse(long TreeSize, string RootHash, DateTime Timestamp, string Signature, string PublicKey);

    public sealed record EventView(
        long Sequence,
        DateTime At,
        string Actor,
        string Action,
        string SubjectType,
        string SubjectId,
        string Data,
        string? Reason
    );

    public sealed record InclusionResponse(
        long Sequence,
        long LeafIndex,
        long TreeSize,
        string LeafHash,
        string? LeafInput,
        string RootHash,
        IReadOnlyList<string> AuditPath,
        EventView? Event
    );

    public sealed record ConsistencyResponse(long From, long To, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").AllowAnonymous().WithTags("Audit");
        group.MapGet("/tree-head", TreeHeadAsync);
        group.MapGet("/events/{seq}/proof", InclusionAsync);
        group.MapGet("/consistency", ConsistencyAsync);
    }

    private static async Task<IResult> TreeHeadAsync(AppDbContext db, AuditSigningKey key, CancellationToken ct)
    {
        var head = await db.Set<AuditTreeHead>().AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return ApiProblem.Create(StatusCodes.Status404NotFound, "audit_no_tree_head", "No tree head has been signed yet");
        }
        return Results.Ok(
            new TreeHeadResponse(
                head.TreeSize,
                Convert.ToBase64String(head.RootHash),
                head.Timestamp,
                Convert.ToBase64String(head.Signature),
                Convert.ToBase64String(key.PublicKey)
            )
        );
    }

    /// <summary>
    /// Anyone may check that an event they hold is in the log (leaf hash and audit path), but the event's
    /// content — who did what, with which data and why — is shown only to those who supervise the office.
    /// </summary>
    private static bool MayReadEvents(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.Director);

    private static async Task<IResult> InclusionAsync(
        string seq,
        string? treeSize,
        ClaimsPrincipal user,
        AppDbContext db,
        CancellationToken ct
    )
    {
        if (!TryParse(seq, out var sequence) || sequence < 1)
        {
            return BadParameter("seq", "The sequence must be a positive integer.");
        }
        var sealedSize = await SealedSizeAsync(db, ct);
        long size = sealedSize;
        if (treeSize is not null && (!TryParse(treeSize, out size) || size < 1))
        {
            return BadParameter("treeSize", "treeSize must be a positive integer.");
        }
        var e = await db.Set<AuditEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Sequence == sequence, ct);
        if (e is null)
        {
            return ApiProblem.Create(StatusCodes.Status404NotFound, "audit_event_not_found", "No such audit event");
        }
        var leaf = await db.Set<AuditLeaf>().AsNoTracking().FirstOrDefaultAsync(l => l.Sequence == sequence, ct);
        if (leaf is null)
        {
            return ApiProblem.Create(
                StatusCodes.Status404NotFound,
                "audit_event_not_sealed",
                "The event is not in the tree yet",
                "Events are sealed within seconds; ask again shortly."
            );
        }
        if (size > sealedSize)
        {
            return TreeSizeUnknown(size, sealedSize);
        }
        if (leaf.LeafIndex >= size)
        {
            return ApiProblem.Create(
                StatusCodes.Status400BadRequest,
                "audit_event_not_in_tree_size",
                "The event is not in a tree of that size",
                $"The event is leaf {leaf.LeafIndex}; it is in trees of size {leaf.LeafIndex + 1} and more."
            );
        }
        var ranges = Rfc6962.InclusionRanges(leaf.LeafIndex, size);
        var nodes = await AuditTreeStore.LoadAsync(db, Rfc6962.NodesFor(ranges.Append((0, size))), ct);
        return Results.Ok(
            new InclusionResponse(
                sequence,
                leaf.LeafIndex,
                size,
                Convert.ToBase64String(leaf.LeafHash),
                MayReadEvents(user) ? Convert.ToBase64String(AuditEncoding.Encode(e)) : null,
                Convert.ToBase64String(Rfc6962.SubtreeHash(0, size, n => nodes[n])),
                Rfc6962.Hashes(ranges, n => nodes[n]).Select(Convert.ToBase64String).ToList(),
                MayReadEvents(user) ? new EventView(e.Sequence, e.At, e.Actor, e.Action, e.SubjectType, e.SubjectId, e.Data, e.Reason) : null
            )
        );
    }

    private static async Task<IResult> ConsistencyAsync(string? from, string? to, AppDbContext db, CancellationToken ct)
    {
        if (!TryParse(from, out var first) || first < 1)
        {
            return BadParameter("from", "from must be a positive integer.");
        }
        if (!TryParse(to, out var second) || second < first)
        {
            return BadParameter("to", "to must be an integer no smaller than from.");
        }
        var sealedSize = await SealedSizeAsync(db, ct);
        if (second > sealedSize)
        {
            return TreeSizeUnknown(second, sealedSize);
        }
        var ranges = Rfc6962.ConsistencyRanges(first, second);
        var nodes = await AuditTreeStore.LoadAsync(db, Rfc6962.NodesFor(ranges.Append((0, first)).Append((0, second))), ct);
        return Results.Ok(
            new ConsistencyResponse(
                first,
                second,
                Convert.ToBase64String(Rfc6962.SubtreeHash(0, first, n => nodes[n])),
                Convert.ToBase64String(Rfc6962.SubtreeHash(0, second, n => nodes[n])),
                Rfc6962.Hashes(ranges, n => nodes[n]).Select(Convert.ToBase64String).ToList()
            )
        );
    }

    private static async Task<long> SealedSizeAsync(AppDbContext db, CancellationToken ct) =>
        1 + (await db.Set<AuditLeaf>().MaxAsync(l => (long?)l.LeafIndex, ct) ?? -1);

    private static bool TryParse(string? text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static IResult BadParameter(string name, string message) =>
        ApiProblem.Create(
            StatusCodes.Status400BadRequest,
            "audit_bad_parameter",
            "Bad parameter",
            message,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["parameter"] = name }
        );

    private static IResult TreeSizeUnknown(long size, long sealedSize) =>
        ApiProblem.Create(
            StatusCodes.Status404NotFound,
            "audit_tree_size_unknown",
            "The tree is not that large",
            $"The tree has {sealedSize} leaves; asked for {size}."
        );
}
