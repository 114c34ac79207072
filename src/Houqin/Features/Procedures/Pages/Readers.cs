using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures.Pages;

/// <summary>
/// Who is reading, and which versions they may see: consultations and what was published to anyone, signed in
/// or not (the portal); drafts and the department discussion only to the office's staff. A version the reader
/// may not see is a 404, never a glimpse.
/// </summary>
public sealed record Reader(Guid? UserId, bool SignedIn, bool OfficeStaff, bool Director, bool PrincipalsOffice)
{
    public static Reader Of(ClaimsPrincipal user, Guid? userId)
    {
        var signedIn = user.Identity?.IsAuthenticated == true && userId is not null;
        bool Is(string role) => signedIn && user.IsInRole(role);
        return new Reader(
            signedIn ? userId : null,
            signedIn,
            Is(Roles.Staff) || Is(Roles.TeamLeader) || Is(Roles.DeputyDirector) || Is(Roles.Director),
            Is(Roles.Director),
            Is(Roles.PrincipalsOffice)
        );
    }

    public bool MaySee(VersionStatus status) => OfficeStaff || status is not (VersionStatus.Draft or VersionStatus.Discussion);

    /// <summary>Comments of the department discussion are the office's own working notes.</summary>
    public bool MaySee(CommentStage stage) => OfficeStaff || stage == CommentStage.Consultation;

    /// <summary>The director, or the office member the director named for this procedure, moves its versions along.</summary>
    public bool Manages(Procedure procedure) => Director || (UserId is { } me && procedure.ClerkId == me);
}

/// <summary>A commenter as the public sees them: by what they are on campus, never by name.</summary>
public static class Commenters
{
    public static async Task<Dictionary<Guid, PersonKind>> KindsAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Kind, ct);
    }

    public static string Word(PersonKind? kind) =>
        kind switch
        {
            PersonKind.Student => "Commenter_Student",
            PersonKind.Teacher => "Commenter_Teacher",
            PersonKind.Staff => "Commenter_Staff",
            _ => "Commenter_Other",
        };
}
