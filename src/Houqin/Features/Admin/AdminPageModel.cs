using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin;

/// <summary>
/// Every organisation admin page: administrators only. Invalid input re-renders the form with 422.
/// </summary>
[Authorize(Policy = Permissions.Administer)]
public abstract class AdminPageModel(IStringLocalizer<OrganisationText> text) : PageModel
{
    protected IStringLocalizer<OrganisationText> Text => text;

    public const int PageSize = 25;

    protected PageResult Invalid()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    /// <summary>
    /// Saves the change and its audit event; false, with the reason on the form, when a text is longer than the
    /// database holds or someone saved the same code at the same moment (the unique index decides, not a race).
    /// </summary>
    protected async Task<bool> SavedAsync(AppDbContext db, CancellationToken ct)
    {
        var form = GetType().GetProperty("Input")?.PropertyType;
        foreach (var (_, property, max) in Constraints.TooLong(db))
        {
            // Beside the field when the form has one by that name, else at the top of the form.
            ModelState.AddModelError(form?.GetProperty(property) is null ? "" : "Input." + property, text["TooLong", max]);
        }
        if (!ModelState.IsValid)
        {
            return false;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (Constraints.IsUniqueViolation(e))
        {
            ModelState.AddModelError("", text["SavedMeanwhile"]);
            return false;
        }
    }

    /// <summary>Adds "required" to <paramref name="key"/> when empty; true when present.</summary>
    protected bool Required(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(key, text["Required"]);
            return false;
        }
        return true;
    }

    protected bool ValidCode(string? value, string key)
    {
        if (!Required(value, key))
        {
            return false;
        }
        if (!Codes.IsValid(value!.Trim()))
        {
            ModelState.AddModelError(key, text["NotACode", value]);
            return false;
        }
        return true;
    }
}

/// <summary>A page that creates a thing (no id in the route) or edits the one the route names.</summary>
public abstract class AdminEditPageModel(IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    [Microsoft.AspNetCore.Mvc.FromRoute]
    public Guid? Id { get; set; }

    public bool IsNew => Id is null;
}

/// <summary>One page of a list and where it is.</summary>
public sealed record Paging(int Page, int Total, string? Query)
{
    public int Pages => Math.Max(1, (Total + AdminPageModel.PageSize - 1) / AdminPageModel.PageSize);

    public static async Task<(List<T> Items, Paging Paging)> OfAsync<T>(IQueryable<T> query, int page, string? q, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var p = Math.Clamp(page, 1, Math.Max(1, (total + AdminPageModel.PageSize - 1) / AdminPageModel.PageSize));
        var items = await query.Skip((p - 1) * AdminPageModel.PageSize).Take(AdminPageModel.PageSize).ToListAsync(ct);
        return (items, new Paging(p, total, q));
    }
}

/// <summary>Finds people by the user name an administrator types.</summary>
public static class UserLookup
{
    public static async Task<Guid?> FindAsync(AppDbContext db, string? userName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return null;
        }
        var normalized = userName.Trim().ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
