using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.People;

/// <summary>
/// A person: details, roles, posts, disabling. Roles are written as rows here rather than through
/// UserManager, which saves after each call, so the change and its audit event commit together.
/// </summary>
public sealed class EditModel(
    AppDbContext db,
    AuditLog audit,
    ILookupNormalizer normalizer,
    TimeProvider clock,
    UserManager<User> users,
    IStringLocalizer<OrganisationText> text
) : AdminEditPageModel(text)
{
    public sealed class InputModel
    {
        public string? UserName { get; set; }

        public string? DisplayName { get; set; }

        public PersonKind Kind { get; set; }

        public string? Phone { get; set; }

        public string? Department { get; set; }

        public string? StudentNo { get; set; }

        public List<string> Roles { get; set; } = [];

        public bool Disabled { get; set; }
    }

    public sealed record AssignmentRow(Guid Id, string PostCode, string PostName, DateTime From);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<AssignmentRow> Assignments { get; private set; } = [];

    public List<Post> AllPosts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var u = await db.Users.FindAsync([id], ct);
            if (u is null)
            {
                return NotFound();
            }
            Input = new InputModel
            {
                UserName = u.UserName,
                DisplayName = u.DisplayName,
                Kind = u.Kind,
                Phone = u.Phone,
                Department = u.Department,
                StudentNo = u.StudentNo,
                Disabled = u.Disabled,
                Roles = await RolesOfAsync(id, ct),
            };
            await LoadPostsAsync(id, ct);
        }
        return Page();
    }

    private Task<bool> AnotherActiveAdminAsync(Guid except, CancellationToken ct) =>
        (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            join u in db.Users on ur.UserId equals u.Id
            where r.Name == Roles.Admin && u.Id != except && !u.Disabled
            select u.Id
        ).AnyAsync(ct);

    private Task<List<string>> RolesOfAsync(Guid id, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!).ToListAsync(ct);

    private async Task LoadPostsAsync(Guid id, CancellationToken ct)
    {
        Assignments = await (
            from a in db.Set<PostAssignment>()
            join p in db.Set<Post>() on a.PostId equals p.Id
            where a.UserId == id && a.To == null
            orderby p.Code
            select new AssignmentRow(a.Id, p.Code, p.Name, a.From)
        ).ToListAsync(ct);
        AllPosts = await db.Set<Post>().OrderBy(p => p.Code).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Required(Input.DisplayName, "Input.DisplayName");
        var unknown = Input.Roles.Except(Roles.All).ToList();
        if (unknown.Count > 0)
        {
            ModelState.AddModelError("Input.Roles", Text["UnknownRole", string.Join(", ", unknown)]);
        }
        User? user = null;
        if (Id is { } id)
        {
            user = await db.Users.FindAsync([id], ct);
            if (user is null)
            {
                return NotFound();
            }
            Input.UserName = user.UserName;
        }
        else if (Required(Input.UserName, "Input.UserName"))
        {
            var name = Input.UserName!.Trim();
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@'))
            {
                ModelState.AddModelError("Input.UserName", Text["BadUserName", name]);
            }
            else if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalizer.NormalizeName(name), ct))
            {
                ModelState.AddModelError("Input.UserName", Text["DuplicateUser", name]);
            }
        }
        if (!ModelState.IsValid)
        {
            if (Id is { } again)
            {
                await LoadPostsAsync(again, ct);
            }
            return Invalid();
        }
        var action = "person.changed";
        if (user is null)
        {
            var name = Input.UserName!.Trim();
            user = new User
            {
                Id = Guid.CreateVersion7(),
                UserName = name,
                NormalizedUserName = normalizer.NormalizeName(name),
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Users.Add(user);
            action = "person.created";
        }
        var before = IsNew ? [] : await RolesOfAsync(user.Id, ct);
        if (before.Contains(Roles.Admin) && (!Input.Roles.Contains(Roles.Admin) || Input.Disabled) && !await AnotherActiveAdminAsync(user.Id, ct))
        {
            // Nobody could then manage accounts at all: the last administrator stays one.
            ModelState.AddModelError("Input.Roles", Text["LastAdmin"]);
            await LoadPostsAsync(user.Id, ct);
            return Invalid();
        }
        user.DisplayName = Input.DisplayName!.Trim();
        user.Kind = Input.Kind;
        user.Phone = Blank(Input.Phone);
        user.Department = Blank(Input.Department);
        user.StudentNo = Blank(Input.StudentNo);
        var rolesChanged = !before.ToHashSet().SetEquals(Input.Roles);
        if (user.Disabled != Input.Disabled || rolesChanged)
        {
            // A new security stamp ends the person's sessions, so a disabled account or a removed role stops working now.
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        user.Disabled = Input.Disabled;
        if (rolesChanged)
        {
            var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
            db.UserRoles.RemoveRange(await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct));
            foreach (var r in Input.Roles.Distinct())
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[r] });
            }
        }
        audit.Record(action, "User", user.Id, new { user.UserName, user.DisplayName, kind = user.Kind.ToString(), roles = Input.Roles, user.Disabled });
        if (!await SavedAsync(db, ct))
        {
            if (Id is { } shown)
            {
                await LoadPostsAsync(shown, ct);
            }
            return Invalid();
        }
        return RedirectToPage("Edit", new { id = user.Id });
    }

    public async Task<IActionResult> OnPostAssignPostAsync(Guid postId, CancellationToken ct)
    {
        var user = Id is { } id ? await db.Users.FindAsync([id], ct) : null;
        var post = await db.Set<Post>().FindAsync([postId], ct);
        if (user is null || post is null)
        {
            return NotFound();
        }
        if (!await db.Set<PostAssignment>().AnyAsync(a => a.UserId == user.Id && a.PostId == post.Id && a.To == null, ct))
        {
            var assignment = new PostAssignment(post.Id, user.Id, clock.GetUtcNow().UtcDateTime);
            db.Add(assignment);
            audit.Record("post.assigned", "User", user.Id, new { user.UserName, post = post.Code });
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage("Edit", new { id = user.Id });
    }

    public async Task<IActionResult> OnPostEndPostAsync(Guid assignmentId, CancellationToken ct)
    {
        var assignment = await db.Set<PostAssignment>().FirstOrDefaultAsync(a => a.Id == assignmentId && a.UserId == Id && a.To == null, ct);
        if (assignment is null)
        {
            return NotFound();
        }
        assignment.End(clock.GetUtcNow().UtcDateTime);
        var post = await db.Set<Post>().Where(p => p.Id == assignment.PostId).Select(p => p.Code).FirstAsync(ct);
        audit.Record("post.ended", "User", assignment.UserId, new { post });
        if (!await SavedAsync(db, ct))
        {
            if (Id is { } shown)
            {
                await LoadPostsAsync(shown, ct);
            }
            return Invalid();
        }
        return RedirectToPage("Edit", new { id = Id });
    }

    /// <summary>
    /// The administrator gives a person a password (a new account, or a forgotten one), optionally clearing
    /// their authenticator so they enrol again. The person's sessions end; the password is never recorded.
    /// </summary>
    public async Task<IActionResult> OnPostSetPasswordAsync(string? newPassword, bool resetTwoFactor, CancellationToken ct)
    {
        var user = Id is { } id ? await db.Users.FindAsync([id], ct) : null;
        if (user is null)
        {
            return NotFound();
        }
        var acceptable = !string.IsNullOrEmpty(newPassword);
        foreach (var validator in acceptable ? users.PasswordValidators : [])
        {
            acceptable &= (await validator.ValidateAsync(users, user, newPassword!)).Succeeded;
        }
        if (!acceptable)
        {
            ModelState.AddModelError("newPassword", Text["WeakPassword"]);
            await OnGetAsync(ct);
            return Invalid();
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        if (resetTwoFactor)
        {
            user.TwoFactorEnabled = false;
            db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync(ct));
        }
        audit.Record("account.password_set", "User", user.Id, new { user.UserName, resetTwoFactor });
        if (!await SavedAsync(db, ct))
        {
            if (Id is { } shown)
            {
                await LoadPostsAsync(shown, ct);
            }
            return Invalid();
        }
        return RedirectToPage("Edit", new { id = user.Id });
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
