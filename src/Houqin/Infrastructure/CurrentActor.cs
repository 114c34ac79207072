using System.Security.Claims;

namespace Houqin;

/// <summary>Who is acting in this request: the signed-in user's name, or <c>system</c> for background work.</summary>
public sealed class CurrentActor(IHttpContextAccessor http)
{
    public const string System = "system";

    public string UserName => http.HttpContext?.User.Identity?.Name ?? System;

    public Guid? UserId =>
        Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public ClaimsPrincipal? Principal => http.HttpContext?.User;
}
