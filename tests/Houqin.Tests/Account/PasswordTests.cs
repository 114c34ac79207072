using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Account;

public class PasswordTests
{
    [Theory]
    [InlineData("password123", "CommonPassword")]
    [InlineData("Woaini1314", "CommonPassword")]
    [InlineData("aaaaaaaaaaaa", "CommonPassword")]
    [InlineData("x-carol-x-2026", "PasswordContainsUserName")]
    [InlineData("short1", "PasswordTooShort")]
    [InlineData("Kettle-lamp-river-9", null)]
    public async Task Weak_passwords_are_refused(string password, string? error)
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();

        var result = await users.CreateAsync(new User { UserName = "carol", DisplayName = "Carol" }, password);

        if (error is null)
        {
            Assert.True(result.Succeeded);
        }
        else
        {
            Assert.Contains(result.Errors, e => e.Code == error);
        }
    }

    [Fact]
    public async Task Passwords_are_hashed_with_pbkdf2_sha512_at_210000_iterations()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("hashed", Roles.Requester);

        var hash = Convert.FromBase64String(user.PasswordHash!);

        Assert.Equal(0x01, hash[0]); // Identity v3 format
        Assert.Equal(2u, ReadUInt32(hash, 1)); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(210_000u, ReadUInt32(hash, 5));
    }

    private static uint ReadUInt32(byte[] b, int at) => (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
}
