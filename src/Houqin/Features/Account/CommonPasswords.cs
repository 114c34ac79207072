using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Identity;

namespace Houqin.Features.Account;

/// <summary>
/// Refuses passwords that appear on every attacker's first list (ASVS 6.2.4), and passwords that contain
/// the user name. The list is short on purpose: the length rule (10) already removes most of the rest.
/// </summary>
internal sealed class CommonPasswords : IPasswordValidator<User>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "0123456789", "1111111111", "0000000000", "1234512345", "1q2w3e4r5t",
        "1qaz2wsx3edc", "qwertyuiop", "qwerty123456", "password123", "password1234", "passw0rd123",
        "iloveyou123", "abc1234567", "abcd123456", "a123456789", "aa12345678", "woaini1314", "woaini520",
        "5201314520", "1314520520", "qq123456789", "zxcvbnm123", "asdfghjkl1", "admin12345", "admin123456",
        "administrator", "welcome123", "letmein123", "changeme123", "p@ssw0rd123", "houqin12345",
        "houqin123456", "houqin2026", "password2026", "dragon1234", "football12", "baseball12",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (Common.Contains(password) || password.Distinct().Count() <= 2)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = "This password is too common." }));
        }
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(
                IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = "The password must not contain the user name." })
            );
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
