using System.Net;
using Houqin.Data;
using Houqin.Features.Account;
using Houqin.Tests.Account;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Security;

/// <summary>
/// A change that lost a race with someone else's (stale concurrency token, a unique key saved first) and that
/// no feature caught itself is a conflict to retry — 409 problem on the API, the 409 page in the person's
/// language — never a 500, and nothing of it is saved.
/// </summary>
public class ConcurrentChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_answers_a_lost_race_with_a_409_problem_and_saves_nothing()
    {
        await using var app = await TestApp.StartAsync();
        await using var racing = Racing(app);
        using var client = racing.CreateClient();

        var response = await client.IssueTokenAsync("student", Accounts.DemoPassword);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("concurrent_change", await response.ProblemCodeAsync());
        Assert.DoesNotContain("DbUpdate", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.AuditCountAsync("account.signed_in"));
    }

    [Fact]
    public async Task A_page_answers_a_lost_race_with_the_409_page_in_Chinese()
    {
        await using var app = await TestApp.StartAsync();
        await using var racing = Racing(app);
        using var browser = racing.CreateClient();

        var response = await browser.SignInAsync("student", Accounts.DemoPassword);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("有人同时修改了这项内容", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.AuditCountAsync("account.signed_in"));
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Racing(TestApp app) =>
        app.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s =>
            {
                s.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(new SomeoneElseSavedFirst()));
                s.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(new SomeoneElseSavedFirst()));
            })
        );

    /// <summary>Plays the other person: every save that opens a session or issues a token finds the row changed under it.</summary>
    private sealed class SomeoneElseSavedFirst : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default
        ) =>
            eventData.Context!.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Entity is ApiToken or AccountSession)
                ? throw new DbUpdateConcurrencyException("The row was changed by someone else.")
                : ValueTask.FromResult(result);
    }
}
