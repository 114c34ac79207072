using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures;

public sealed record ProcedureListing(Procedure Procedure, IReadOnlyList<ProcedureVersion> Versions);

/// <summary>A comment as the reader may see it: the public learns only what kind of person wrote it, never who.</summary>
public sealed record CommentReading(ProcedureComment Comment, PersonKind AuthorKind, string? AuthorName);

/// <summary>What the caller may read of the procedures (<see cref="ProcedureAccess"/>), for the API and the pages.</summary>
public sealed class ProcedureReads(AppDbContext db, CurrentActor actor)
{
    /// <summary>Every procedure with the versions the caller may see, newest first; procedures with none are left out.</summary>
    public async Task<IReadOnlyList<ProcedureListing>> ListAsync(CancellationToken ct)
    {
        var procedures = await db.Set<Procedure>().AsNoTracking().OrderBy(p => p.Title).ToListAsync(ct);
        var versions = await db.Set<ProcedureVersion>().AsNoTracking().ToListAsync(ct);
        return procedures
            .Select(p => new ProcedureListing(
                p,
                versions.Where(v => v.ProcedureId == p.Id && ProcedureAccess.CanRead(actor.Principal, v.Status)).OrderByDescending(v => v.Number).ToList()
            ))
            .Where(l => l.Versions.Count > 0)
            .ToList();
    }

    /// <summary>The version, or null when there is none or the caller may not see it (a 404 either way).</summary>
    public async Task<(Procedure Procedure, ProcedureVersion Version)?> VersionAsync(Guid procedureId, int number, CancellationToken ct)
    {
        var p = await db.Set<Procedure>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == procedureId, ct);
        var v = p is null
            ? null
            : await db.Set<ProcedureVersion>().AsNoTracking().SingleOrDefaultAsync(x => x.ProcedureId == procedureId && x.Number == number, ct);
        return p is null || v is null || !ProcedureAccess.CanRead(actor.Principal, v.Status) ? null : (p, v);
    }

    /// <summary>The comments the caller may read, by clause and then in the order they came.</summary>
    public async Task<IReadOnlyList<CommentReading>> CommentsAsync(ProcedureVersion v, CancellationToken ct)
    {
        var staff = ProcedureAccess.IsOfficeStaff(actor.Principal);
        var rows = await (
            from c in db.Set<ProcedureComment>().AsNoTracking()
            join u in db.Users on c.AuthorId equals u.Id
            where c.VersionId == v.Id
            select new { Comment = c, u.Kind, u.DisplayName }
        ).ToListAsync(ct);
        return rows.Where(r => ProcedureAccess.CanReadComment(actor.Principal, r.Comment))
            .OrderBy(r => r.Comment.ClauseNumber)
            .ThenBy(r => r.Comment.CreatedAt)
            .Select(r => new CommentReading(r.Comment, r.Kind, staff ? r.DisplayName : null))
            .ToList();
    }
}
