using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Account;

/// <summary>The signed-in person's own API tokens: list, create (shown once), revoke.</summary>
[Authorize(Policy = Permissions.SignedIn)]
public sealed class TokensModel(
    AppDbContext db,
    ApiTokens tokens,
    UserManager<User> users,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<AccountText> text
) : PageModel
{
    public IReadOnlyList<TokenSummary> Tokens { get; private set; } = [];

    public DateTime Now { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The secret of a token created by this very request; never stored, never shown again.</summary>
    public string? NewToken { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync(bool revoked = false)
    {
        if (revoked)
        {
            Notice = text["TokenRevoked"];
        }
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (Name is { Length: > 100 })
        {
            Error = text["NameTooLong"];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }
        var me = await users.GetUserAsync(User);
        if (me is null)
        {
            return Challenge();
        }
        // Shown in this response rather than after a redirect: a redirect would have to carry the secret.
        NewToken = (await tokens.IssueAsync(me, Name)).Token;
        Name = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id) =>
        await tokens.RevokeAsync(id) ? RedirectToPage(new { revoked = true }) : NotFound();

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var me = actor.UserId;
        Tokens = await db
            .Set<ApiToken>()
            .AsNoTracking()
            .Where(t => t.UserId == me)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync();
    }
}
