using Microsoft.Extensions.Localization;

namespace Houqin.Infrastructure;

/// <summary>Looking words up with a fallback, so a code the resources do not know yet still shows something.</summary>
public static class Words
{
    /// <summary>The resource, or <paramref name="fallback"/> when the resources do not know the key.</summary>
    public static string Or(this IStringLocalizer text, string key, string fallback) => text.OrNull(key) ?? fallback;

    /// <summary>The resource formatted with <paramref name="arguments"/>, or <paramref name="fallback"/> when the resources do not know the key.</summary>
    public static string Or(this IStringLocalizer text, string key, string fallback, params object[] arguments)
    {
        var s = text[key, arguments];
        return s.ResourceNotFound ? fallback : s.Value;
    }

    /// <summary>The resource, or null when the resources do not know the key.</summary>
    public static string? OrNull(this IStringLocalizer text, string key)
    {
        var s = text[key];
        return s.ResourceNotFound ? null : s.Value;
    }
}
