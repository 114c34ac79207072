using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Outbox;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Notifications;

/// <summary>Tells people through the real outbox, in a unit of work of the test's own, as a feature would.</summary>
internal static class Notices
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Guid> UserIdAsync(this WebApplicationFactory<Program> web, string userName)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<User>().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }

    /// <summary>
    /// Notifies <paramref name="recipients"/> and saves; with <paramref name="commit"/> false the transaction is
    /// rolled back. <paramref name="actor"/> plays the signed-in user doing the business step.
    /// </summary>
    public static async Task NotifyAsync(
        this WebApplicationFactory<Program> web,
        IEnumerable<string> recipients,
        string kind,
        Dictionary<string, string> args,
        bool commit = true,
        string? actor = null,
        Guid? subject = null
    )
    {
        var ids = new List<Guid>();
        foreach (var r in recipients)
        {
            ids.Add(await web.UserIdAsync(r));
        }
        var accessor = web.Services.GetRequiredService<IHttpContextAccessor>();
        if (actor is not null)
        {
            var id = await web.UserIdAsync(actor);
            accessor.HttpContext = new DefaultHttpContext
            {
                User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, actor)], "Test")),
            };
        }
        try
        {
            await using var scope = web.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            scope.ServiceProvider.GetRequiredService<Outbox>().Notify(ids, kind, "ServiceRequest", subject ?? Guid.CreateVersion7(), args);
            await db.SaveChangesAsync(Ct);
            if (commit)
            {
                await tx.CommitAsync(Ct);
            }
            else
            {
                await tx.RollbackAsync(Ct);
            }
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
