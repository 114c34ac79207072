using Houqin.Data;
using Houqin.Features.Shared;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// One version of a procedure: where it stands and its dates, the meeting's approval, its numbered clauses with
/// the comments on each and the office's answers, and its parameters in words. Part of the public portal for
/// published versions and consultations; drafts and the department discussion are the office's (404 to others).
/// The forms for commenting, answering and moving the version along are in <c>Version.Forms.cs</c>.
/// </summary>
[AllowAnonymous]
public sealed partial class VersionModel(AppDbContext db, TimeProvider clock, CurrentActor actor, IStringLocalizer<PolicyText> labels, IStringLocalizer<ProcedureText> text) : PageModel
{
    public sealed record CommentRow(Guid Id, int Clause, CommentStage Stage, string Who, string Text, DateTime At, CommentOutcome? Outcome, string? Reason);

    public sealed record ParameterRow(string Key, string Label, string Value, string Unit, PolicyParameter? Definition, string Stored);

    private ParameterWords Words => new(text, labels);

    public Procedure Procedure { get; private set; } = null!;

    public ProcedureVersion Subject { get; private set; } = null!;

    public Reader Reader { get; private set; } = null!;

    public DateTime Now { get; private set; }

    /// <summary>The other versions this reader may see, to compare with.</summary>
    public IReadOnlyList<int> Others { get; private set; } = [];

    public ILookup<int, CommentRow> Comments { get; private set; } = Array.Empty<CommentRow>().ToLookup(c => c.Clause);

    public IReadOnlyList<ParameterRow> Parameters { get; private set; } = [];

    /// <summary>Teachers and students during the consultation, the office's staff during the discussion.</summary>
    public bool MayComment { get; private set; }

    /// <summary>The director or the procedure's clerk, while the text may still change.</summary>
    public bool MayEdit { get; private set; }

    public bool MayManage { get; private set; }

    public bool MayApprove { get; private set; }

    /// <summary>Why the last step did not happen (state changed, not yours, the consultation closed).</summary>
    public string? StepProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int n, CancellationToken ct) => await LoadAsync(id, n, ct) ? Page() : NotFound();

    public string When(DateTime utc) => Prose.Instant(utc);

    public string Status => text["Status_" + Subject.Status].Value;

    private async Task<bool> LoadAsync(Guid id, int n, CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Reader = Reader.Of(User, actor.UserId);
        var version = await db.Set<ProcedureVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.ProcedureId == id && v.Number == n, ct);
        if (version is null || !Reader.MaySee(version.Status))
        {
            return false;
        }
        Subject = version;
        Procedure = await db.Set<Procedure>().AsNoTracking().SingleAsync(p => p.Id == id, ct);
        var others = await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == id && v.Number != n).Select(v => new { v.Number, v.Status }).ToListAsync(ct);
        Others = others.Where(o => Reader.MaySee(o.Status)).Select(o => o.Number).Order().ToList();

        var comments = await db.Set<ProcedureComment>().AsNoTracking().Where(c => c.VersionId == version.Id).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        comments = comments.Where(c => Reader.MaySee(c.Stage)).ToList();
        var kinds = await Commenters.KindsAsync(db, comments.Select(c => c.AuthorId), ct);
        Comments = comments
            .Select(c => new CommentRow(c.Id, c.ClauseNumber, c.Stage, text[Commenters.Word(kinds.GetValueOrDefault(c.AuthorId))].Value, c.Text, c.CreatedAt, c.Outcome, c.Reason))
            .ToLookup(c => c.Clause);

        Parameters = version
            .Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ParameterRow(p.Key, Words.Label(p.Key), Words.Value(p.Key, p.Value), Words.Unit(p.Key), ParameterWords.Definition(p.Key), p.Value))
            .ToList();

        MayComment = Reader.SignedIn
            && (
                (version.Status == VersionStatus.Discussion && Reader.OfficeStaff)
                || (version.AcceptsPublicComments(Now) && await IsCampusMemberAsync(ct))
            );
        MayManage = Reader.Manages(Procedure);
        MayEdit = MayManage && version.IsEditable;
        MayApprove = Reader.PrincipalsOffice && version.Status == VersionStatus.Submitted;
        return true;
    }

    /// <summary>Teachers and students comment on a consultation; suppliers and visitors do not.</summary>
    private async Task<bool> IsCampusMemberAsync(CancellationToken ct)
    {
        var me = Reader.UserId;
        var kind = await db.Users.Where(u => u.Id == me).Select(u => (PersonKind?)u.Kind).SingleOrDefaultAsync(ct);
        return kind is PersonKind.Student or PersonKind.Teacher or PersonKind.CampusMember or PersonKind.Staff;
    }
}
