using Microsoft.AspNetCore.Authorization;

namespace Houqin;

/// <summary>
/// Every permission Houqin knows, declared once. Each page folder and endpoint group names one of these
/// policies; the authorization test enumerates every endpoint and page against the role table in tests.
/// Deny by default: the fallback policy requires a signed-in user, and anonymous pages say so explicitly.
/// </summary>
public static class Permissions
{
    /// <summary>Any signed-in person.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>The office's staff, at any level.</summary>
    public const string OfficeStaff = "OfficeStaff";

    /// <summary>Record return visits (回访): the office's staff, and the auditor for the complaints about the director it answers (ADR 0030).</summary>
    public const string MakeReturnVisits = "MakeReturnVisits";

    /// <summary>Team leaders and the directors above them.</summary>
    public const string Leaders = "Leaders";

    /// <summary>Write posts' duties and daily tasks: team leaders and deputy directors (their own teams), the director, the administrator.</summary>
    public const string DefineDuties = "DefineDuties";

    /// <summary>The system administrator: organisation, accounts, calendar.</summary>
    public const string Administer = "Administer";

    /// <summary>Read everything for supervision (auditor, director).</summary>
    public const string Supervise = "Supervise";

    /// <summary>Read monthly scorecards (which ones is decided per card): the office's staff and the auditor.</summary>
    public const string ReadScorecards = "ReadScorecards";

    /// <summary>Sign a month's assessment off: the director.</summary>
    public const string SignOffAssessment = "SignOffAssessment";

    /// <summary>The principal's office meeting (校长办公会): approves or sends back procedures.</summary>
    public const string ApproveProcedures = "ApproveProcedures";

    /// <summary>
    /// Scrape <c>/metrics</c>: administrators only (a monitoring script uses an admin's API token). Not
    /// "anonymous from loopback": behind a reverse proxy on the same host every request comes from loopback
    /// (docs/decisions/0004-sessions-and-tokens.md).
    /// </summary>
    public const string ReadMetrics = "ReadMetrics";

    /// <summary>
    /// A request that matched no endpoint (static files are served before authorization) has nothing to
    /// protect: it falls through to a 404, rather than to a sign-in page or a 401 for anonymous visitors.
    /// </summary>
    private static bool IsUnrouted(object? resource) => resource is HttpContext http && http.GetEndpoint() is null;

    public static IServiceCollection AddHouqinAuthorization(this IServiceCollection services)
    {
        services
            .AddAuthorizationBuilder()
            .SetFallbackPolicy(
                new AuthorizationPolicyBuilder()
                    .RequireAssertion(ctx => ctx.User.Identity?.IsAuthenticated == true || IsUnrouted(ctx.Resource))
                    .Build()
            )
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(
                OfficeStaff,
                p => p.RequireRole(Roles.Office)
            )
            .AddPolicy(MakeReturnVisits, p => p.RequireRole([.. Roles.Office, Roles.Auditor]))
            .AddPolicy(Leaders, p => p.RequireRole(Roles.TeamLeader, Roles.DeputyDirector, Roles.Director))
            .AddPolicy(Administer, p => p.RequireRole(Roles.Admin))
            .AddPolicy(DefineDuties, p => p.RequireRole(Roles.TeamLeader, Roles.DeputyDirector, Roles.Director, Roles.Admin))
            .AddPolicy(Supervise, p => p.RequireRole(Roles.Auditor, Roles.Director))
            .AddPolicy(ReadScorecards, p => p.RequireRole([.. Roles.Office, Roles.Auditor]))
            .AddPolicy(SignOffAssessment, p => p.RequireRole(Roles.Director))
            .AddPolicy(ApproveProcedures, p => p.RequireRole(Roles.PrincipalsOffice))
            .AddPolicy(ReadMetrics, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
