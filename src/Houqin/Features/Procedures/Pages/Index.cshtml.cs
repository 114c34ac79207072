using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// The office's procedures: what is in force, what is open for comment (or has just closed), and, for the office's
/// staff, what is being drafted or discussed. Part of the public portal: anyone may read it without signing in;
/// what a reader may not see is left out by <see cref="ProcedureReads"/>.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(ProcedureReads reads, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid ProcedureId, string Title, int Number, VersionStatus Status, DateTime? ConsultationClosesAt, DateTime? EffectiveAt, DateTime? SupersededAt);

    public IReadOnlyList<Row> InForce { get; private set; } = [];

    public IReadOnlyList<Row> Consultation { get; private set; } = [];

    public IReadOnlyList<Row> Drafts { get; private set; } = [];

    public IReadOnlyList<Row> Past { get; private set; } = [];

    public bool SignedIn { get; private set; }

    public bool OfficeStaff { get; private set; }

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        SignedIn = User.Identity?.IsAuthenticated == true;
        OfficeStaff = ProcedureAccess.IsOfficeStaff(User);
        var rows = (await reads.ListAsync(ct))
            .SelectMany(l => l.Versions.Select(v => new Row(l.Procedure.Id, l.Procedure.Title, v.Number, v.Status, v.ConsultationClosesAt, v.EffectiveAt, v.SupersededAt)))
            .ToList();
        InForce = rows.Where(r => r.Status is VersionStatus.InForce or VersionStatus.Approved).ToList();
        Consultation = rows.Where(r => r.Status is VersionStatus.Consultation or VersionStatus.Submitted).ToList();
        Drafts = rows.Where(r => r.Status is VersionStatus.Draft or VersionStatus.Discussion).ToList();
        Past = rows.Where(r => r.Status is VersionStatus.Superseded).ToList();
    }
}
