namespace Houqin;

/// <summary>
/// The roles of PRODUCT.md ("Who uses it"). Role names are stable: tokens, the role table test and
/// the demo accounts refer to them.
/// </summary>
public static class Roles
{
    public const string Requester = "Requester";
    public const string Staff = "Staff";
    public const string TeamLeader = "TeamLeader";
    public const string DeputyDirector = "DeputyDirector";
    public const string Director = "Director";
    public const string Finance = "Finance";
    public const string Storekeeper = "Storekeeper";
    public const string Procurement = "Procurement";
    public const string Auditor = "Auditor";
    public const string PrincipalsOffice = "PrincipalsOffice";
    public const string Supplier = "Supplier";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All =
    [
        Requester,
        Staff,
        TeamLeader,
        DeputyDirector,
        Director,
        Finance,
        Storekeeper,
        Procurement,
        Auditor,
        PrincipalsOffice,
        Supplier,
        Admin,
    ];

    /// <summary>The office's own staff at any level (<see cref="Permissions.OfficeStaff"/>).</summary>
    public static readonly string[] Office = [Staff, TeamLeader, DeputyDirector, Director];

    /// <summary>Roles that must sign in with a second factor (TOTP).</summary>
    public static readonly IReadOnlySet<string> RequireTwoFactor = new HashSet<string>(StringComparer.Ordinal)
    {
        Director,
        Finance,
        Storekeeper,
        Procurement,
        Admin,
    };
}
