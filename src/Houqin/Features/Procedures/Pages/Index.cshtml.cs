using Houqin.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// The office's procedures: what is in force, what is open for comment (or has just closed), and, for the office's
/// staff, what is being drafted or discussed. Part of the public portal: anyone may read it without signing in.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db, TimeProvider clock, CurrentActor actor) : PageModel
{
    public sealed record Row(Guid ProcedureId, string Title, int Number, VersionStatus Status, DateTime? ConsultationClosesAt, DateTime? EffectiveAt, DateTime? SupersededAt);

    public IReadOnlyList<Row> InForce { get; private set; } = [];

    public IReadOnlyList<Row> Consultation { get; private set; } = [];

    public IReadOnlyList<Row> Drafts { get; private set; } = [];

    public IReadOnlyList<Row> Past { get; private set; } = [];

    public Reader Reader { get; private set; } = null!;

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Reader = Reader.Of(User, actor.UserId);
        var rows = await (
            from v in db.Set<ProcedureVersion>()
            join p in db.Set<Procedure>() on v.ProcedureId equals p.Id
            select new Row(p.Id, p.Title, v.Number, v.Status, v.ConsultationClosesAt, v.EffectiveAt, v.SupersededAt)
        )
            .AsNoTracking()
            .ToListAsync(ct);
        var seen = rows.Where(r => Reader.MaySee(r.Status)).OrderBy(r => r.Title, StringComparer.Ordinal).ThenByDescending(r => r.Number).ToList();
        InForce = seen.Where(r => r.Status is VersionStatus.InForce or VersionStatus.Approved).ToList();
        Consultation = seen.Where(r => r.Status is VersionStatus.Consultation or VersionStatus.Submitted).ToList();
        Drafts = seen.Where(r => r.Status is VersionStatus.Draft or VersionStatus.Discussion).ToList();
        Past = seen.Where(r => r.Status is VersionStatus.Superseded).ToList();
    }
}
