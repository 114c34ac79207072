using Houqin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Organisation;

/// <summary>
/// The demo campus (示范大学), seeded when <c>Houqin:Demo:Seed</c> is true (the default in Development,
/// never in Production). Every demo account shares <c>Houqin:Demo:Password</c>.
/// </summary>
public static class DemoCampus
{
    public const string DefaultPassword = "Houqin-demo-2026";
    public const string DefaultTotpSecret = "JBSWY3DPEHPK3PXP";

    public static async Task SeedAsync(IServiceProvider services, IConfiguration config, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<Role>>();
        foreach (var r in Roles.All)
        {
            await roles.CreateAsync(new Role(r));
        }
        var password = config["Houqin:Demo:Password"] ?? DefaultPassword;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var (name, display, kind, role) in new[]
        {
            ("student", "李同学", PersonKind.Student, Roles.Requester),
            ("admin", "系统管理员", PersonKind.Staff, Roles.Admin),
        })
        {
            var u = new User
            {
                UserName = name,
                DisplayName = display,
                Kind = kind,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(u, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(u, role);
        }
    }
}
