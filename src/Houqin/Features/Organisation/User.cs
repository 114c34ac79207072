using Microsoft.AspNetCore.Identity;

namespace Houqin.Features.Organisation;

/// <summary>
/// Everyone who signs in: requesters (students, teachers, campus members), the office's staff,
/// suppliers. The account and the person are one row; posts and teams hang off it.
/// </summary>
public class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public PersonKind Kind { get; set; }

    /// <summary>A disabled user cannot sign in and their sessions and tokens stop working at once.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? Phone { get; set; }

    /// <summary>School, department or unit (院系/部门), as the campus directory names it.</summary>
    public string? Department { get; set; }

    /// <summary>Student or staff number (学号/工号) from the campus directory.</summary>
    public string? StudentNo { get; set; }

    /// <summary>When the failures now counted towards a lockout began (<c>AccessFailedCount</c> counts within one lockout length of it).</summary>
    public DateTime? FailedSignInsSince { get; set; }
}

public enum PersonKind
{
    Student,
    Teacher,
    CampusMember,
    Staff,
    Supplier,
}

public class Role : IdentityRole<Guid>
{
    public Role() { }

    public Role(string name)
        : base(name) { }
}
