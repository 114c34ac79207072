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
public sealed partial class VersionModel(
    AppDbContext db,
    ProcedureReads reads,
    ParameterLabels labels,
    TimeProvider clock,
    CurrentActor actor,
    IStringLocalizer<ProcedureText> text
) : PageModel
{
    public sealed record CommentRow(Guid Id, int Clause, CommentStage Stage, string Who, string Text, DateTime At, CommentOutcome? Outcome, string? Reason);

    public sealed record ParameterRow(string Key, string Label, string Value, string Unit, PolicyParameter? Definition, string Stored);

    public Procedure Procedure { get; private set; } = null!;

    public ProcedureVersion Subject { get; private set; } = null!;

    public bool SignedIn { get; private set; }

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
        db.ChangeTracker.Clear();
        Now = clock.GetUtcNow().UtcDateTime;
        if (await reads.VersionAsync(id, n, ct) is not var (procedure, version))
        {
            return false;
        }
        (Procedure, Subject) = (procedure, version);
        SignedIn = User.Identity?.IsAuthenticated == true;
        var others = await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == id && v.Number != n).Select(v => new { v.Number, v.Status }).ToListAsync(ct);
        Others = others.Where(o => ProcedureAccess.CanRead(User, o.Status)).Select(o => o.Number).Order().ToList();

        Comments = (await reads.CommentsAsync(version, ct))
            .Select(r => new CommentRow(
                r.Comment.Id,
                r.Comment.ClauseNumber,
                r.Comment.Stage,
                text[Commenters.Word(r.AuthorKind)].Value,
                r.Comment.Text,
                r.Comment.CreatedAt,
                r.Comment.Outcome,
                r.Comment.Reason
            ))
            .ToLookup(c => c.Clause);

        var words = new ParameterWords(text);
        var stored = version.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Parameters = (await labels.ReadAsync(stored, ct))
            .Select(r => new ParameterRow(r.Key, r.Label, words.Value(r.Key, stored[r.Key]), words.Unit(r.Key), ParameterWords.Definition(r.Key), stored[r.Key]))
            .ToList();

        var staff = ProcedureAccess.IsOfficeStaff(User);
        MayComment = SignedIn && ((version.Status == VersionStatus.Discussion && staff) || (version.AcceptsPublicComments(Now) && await IsCampusMemberAsync(ct)));
        MayManage = ProcedureAccess.MayDraft(User, procedure);
        MayEdit = MayManage && version.IsEditable;
        MayApprove = ProcedureAccess.MayApprove(User) && version.Status == VersionStatus.Submitted;
        return true;
    }

    /// <summary>Teachers, students and staff comment on a consultation; suppliers do not.</summary>
    private async Task<bool> IsCampusMemberAsync(CancellationToken ct)
    {
        var me = actor.UserId;
        var kind = await db.Users.Where(u => u.Id == me).Select(u => (PersonKind?)u.Kind).SingleOrDefaultAsync(ct);
        return kind is PersonKind.Student or PersonKind.Teacher or PersonKind.CampusMember or PersonKind.Staff;
    }
}
