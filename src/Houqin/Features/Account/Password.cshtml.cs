using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Account;

/// <summary>
/// A person changes their own password: the current one first (a borrowed, unlocked phone is not enough), then
/// the new one twice, held to the same rules as every password. Every session of the person ends, this one too,
/// so a session someone else may hold dies with the old password; API tokens stay (they are revoked on their page).
/// </summary>
[Authorize(Policy = Permissions.SignedIn)]
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class PasswordModel(
    AppDbContext db,
    UserManager<User> users,
    SignInManager<User> signIn,
    CurrentActor actor,
    AuditLog audit,
    IStringLocalizer<AccountText> text
) : PageModel
{
    [BindProperty]
    public string Current { get; set; } = "";

    [BindProperty]
    public string New { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = actor.UserId is { } id ? await db.Users.FindAsync([id], ct) : null;
        if (user is null)
        {
            return Challenge();
        }
        if (user.PasswordHash is null || users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, Current) == PasswordVerificationResult.Failed)
        {
            return Refuse(text["WrongCurrentPassword"]);
        }
        if (New != Confirm)
        {
            return Refuse(text["PasswordsDiffer"]);
        }
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, user, New)).Succeeded)
            {
                return Refuse(text["WeakNewPassword"]);
            }
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, New);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        db.Set<AccountSession>().RemoveRange(await db.Set<AccountSession>().Where(s => s.UserId == user.Id).ToListAsync(ct));
        audit.Record("account.password_changed", "User", user.Id, new { user.UserName });
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn", new { passwordChanged = true });
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }
}
