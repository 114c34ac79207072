using System.Net;
using Houqin.Infrastructure.Clock;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Account;

/// <summary>QUALITY.md, rate limits: at most five failed sign-ins per account per fifteen minutes, however they arrive.</summary>
public class LockoutTests
{
    [Fact]
    public async Task Twenty_wrong_guesses_at_once_get_five_tries_and_the_rest_are_refused_as_locked()
    {
        await using var app = await TestApp.StartAsync();
        app.Configure("Houqin:RateLimits:SignInPerMinute", "1000");
        await app.CreateUserAsync("racer", Roles.Requester);

        var answers = await Task.WhenAll(
            Enumerable.Range(1, 20).Select(async i =>
            {
                using var client = app.CreateClient();
                return (await client.IssueTokenAsync("racer", "wrong-" + i)).StatusCode;
            })
        );

        Assert.Equal(4, answers.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(16, answers.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, await app.AuditCountAsync("account.sign_in_failed"));
        Assert.Equal(1, await app.AuditCountAsync("account.locked_out"));
        Assert.Equal(15, await app.AuditCountAsync("account.sign_in_refused"));
        using var late = app.CreateClient();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await late.IssueTokenAsync("racer")).StatusCode);
    }

    [Fact]
    public async Task Failures_spread_wider_than_the_lockout_window_do_not_lock_the_account()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("forgetful", Roles.Requester);
        var clock = app.Services.GetRequiredService<ManualClock>();
        using var client = app.CreateClient();

        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.IssueTokenAsync("forgetful", "wrong-" + i)).StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.IssueTokenAsync("forgetful", "wrong-5")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await client.IssueTokenAsync("forgetful")).StatusCode);
        Assert.Equal(0, await app.AuditCountAsync("account.locked_out"));
    }

    [Fact]
    public async Task Five_failures_within_the_window_lock_the_account()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("hasty", Roles.Requester);
        var clock = app.Services.GetRequiredService<ManualClock>();
        using var client = app.CreateClient();

        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.IssueTokenAsync("hasty", "wrong-" + i)).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(3));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.IssueTokenAsync("hasty", "wrong-5")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.IssueTokenAsync("hasty")).StatusCode);
    }
}
