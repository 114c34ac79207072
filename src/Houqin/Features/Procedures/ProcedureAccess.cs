using System.Security.Claims;

namespace Houqin.Features.Procedures;

/// <summary>
/// Who may read and move a procedure's versions (docs/decisions/0009), for the API and the pages alike.
/// Published versions and consultations are public: the portal shows them without signing in.
/// </summary>
public static class ProcedureAccess
{
    public static bool IsOfficeStaff(ClaimsPrincipal? user) => user is not null && Roles.Office.Any(user.IsInRole);

    /// <summary>
    /// Open to everyone, signed in or not: a consultation (open or closed, also while the meeting considers it)
    /// and whatever was published. Drafts and the department discussion stay inside the office.
    /// </summary>
    public static bool IsPublic(VersionStatus status) => status is not (VersionStatus.Draft or VersionStatus.Discussion);

    public static bool CanRead(ClaimsPrincipal? user, VersionStatus status) => IsPublic(status) || IsOfficeStaff(user);

    /// <summary>The director, or the office member the director named as the procedure's clerk.</summary>
    public static bool MayDraft(ClaimsPrincipal? user, Procedure procedure) =>
        user is not null
        && (
            user.IsInRole(Roles.Director)
            || (procedure.ClerkId is { } clerk && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && id == clerk)
        );

    /// <summary>Who hears about a version's progress: whoever drafted it and the procedure's clerk.</summary>
    public static IEnumerable<Guid> Drafters(Procedure p, ProcedureVersion v) => p.ClerkId is { } clerk ? [v.DraftedById, clerk] : [v.DraftedById];

    public static bool MayApprove(ClaimsPrincipal? user) => user?.IsInRole(Roles.PrincipalsOffice) == true;

    /// <summary>Comments of the department discussion are the office's own working notes.</summary>
    public static bool CanReadComment(ClaimsPrincipal? user, ProcedureComment comment) =>
        comment.Stage == CommentStage.Consultation || IsOfficeStaff(user);
}
