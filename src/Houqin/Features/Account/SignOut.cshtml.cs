using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Houqin.Features.Account;

/// <summary>
/// Signing out deletes the session row, so the cookie is dead even if a copy of it survives somewhere.
/// Anonymous on purpose: an expired session must still be able to sign out cleanly.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<User> signIn, AuditLog audit, CurrentActor actor, AppDbContext db) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && actor.UserId is { } id)
        {
            audit.Record("account.signed_out", "User", id);
        }
        await signIn.SignOutAsync();
        await db.SaveChangesAsync();
        return Redirect("/");
    }
}
