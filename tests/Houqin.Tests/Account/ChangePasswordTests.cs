using System.Net;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Account;

public sealed class ChangePasswordTests
{
    private const string NewPassword = "Lantern-orchard-47";

    private static Dictionary<string, string> Form(string current, string @new, string confirm) =>
        new() { ["Current"] = current, ["New"] = @new, ["Confirm"] = confirm };

    [Fact]
    public async Task A_person_changes_their_password_and_every_session_ends_with_the_old_one()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("dora", Roles.Requester);
        using var phone = app.Browser();
        using var laptop = app.Browser();
        await phone.SignInAsync("dora");
        await laptop.SignInAsync("dora");
        var ct = TestContext.Current.CancellationToken;

        var changed = await phone.SubmitAsync("/Account/Password", Form(Accounts.Password, NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("/Account/SignIn", changed.Headers.Location!.ToString(), StringComparison.Ordinal);
        // The other device's session is gone at once, not at the next security-stamp check.
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/Account/Tokens", ct)).StatusCode);
        using var again = app.Browser();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await again.SignInAsync("dora")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("dora", NewPassword)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Action == "account.password_changed" && e.Actor == "dora", ct));
        Assert.DoesNotContain(NewPassword, string.Join("", await db.Set<AuditEvent>().Select(e => e.Data).ToListAsync(ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Wrong-password-1", NewPassword, NewPassword, "当前密码不正确")]
    [InlineData(Accounts.Password, NewPassword, "Lantern-orchard-48", "两次输入的新密码不一致")]
    [InlineData(Accounts.Password, "password123", "password123", "新密码不符合要求")]
    public async Task A_wrong_current_password_a_mismatch_or_a_weak_new_one_is_a_422_and_the_old_password_still_works(string current, string @new, string confirm, string message)
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("erik", Roles.Requester);
        using var browser = app.Browser();
        await browser.SignInAsync("erik");

        var refused = await browser.SubmitAsync("/Account/Password", Form(current, @new, confirm));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(message, await refused.HtmlAsync(), StringComparison.Ordinal);
        using var again = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("erik")).StatusCode);
    }
}
