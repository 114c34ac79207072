using System.Net;

namespace Houqin.Tests.Organisation;

/// <summary>The home page shows each role what it can use now (clock: Monday 2026-11-30 09:00, Beijing).</summary>
public class HomePageTests
{
    private static async Task<string> HomeAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string? user, string? culture = null)
    {
        using var client = factory.ClientAs(user);
        var url = culture is null ? "/" : "/?culture=" + culture;
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Each_role_sees_its_own_home_page()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();

        var student = await HomeAsync(factory, "student");
        Assert.Contains("id=\"requester-home\"", student, StringComparison.Ordinal);
        Assert.Contains("href=\"/requests/new\"", student, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"staff-home\"", student, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin\"", student, StringComparison.Ordinal);
        Assert.Contains("今天是 2026年11月30日 星期一", student, StringComparison.Ordinal);

        // water1 holds the 24×7 water post; on this Monday morning water2 has the day shift.
        var water1 = await HomeAsync(factory, "water1");
        Assert.Contains("id=\"staff-home\"", water1, StringComparison.Ordinal);
        Assert.Contains("水电值班", water1, StringComparison.Ordinal);
        Assert.Contains("刘海 (water2)", water1, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"requester-home\"", water1, StringComparison.Ordinal);

        var deputy = await HomeAsync(factory, "deputy");
        Assert.Contains("id=\"leader-home\"", deputy, StringComparison.Ordinal);
        Assert.Contains("水电组", deputy, StringComparison.Ordinal);
        Assert.Contains("维修组", deputy, StringComparison.Ordinal);
        Assert.Contains("组长 赵志强", deputy, StringComparison.Ordinal);

        var admin = await HomeAsync(factory, "admin");
        Assert.Contains("id=\"admin-home\"", admin, StringComparison.Ordinal);
        Assert.Contains("<strong>600</strong>", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin\"", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_english_home_page_uses_english_dates_and_words()
    {
        await using var app = await TestApp.StartAsync();
        var html = await HomeAsync(app.WithTestSignIn(), "admin", "en-US");
        Assert.Contains("lang=\"en-US\"", html, StringComparison.Ordinal);
        Assert.Contains("Today is Monday, November 30, 2026", html, StringComparison.Ordinal);
        Assert.Contains("<span>rooms</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_culture_link_remembers_the_choice_in_a_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithTestSignIn().ClientAs(null);
        var ct = TestContext.Current.CancellationToken;
        var switched = await client.GetAsync("/culture?culture=en-US&returnUrl=/", ct);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den-US", StringComparison.Ordinal));
        // The factory's client keeps cookies: the next plain visit is in English.
        var html = await client.GetStringAsync("/", ct);
        Assert.Contains("Logistics services", html, StringComparison.Ordinal);
        // A foreign return address is refused (no open redirect).
        var away = await client.GetAsync("/culture?culture=zh-CN&returnUrl=https://evil.example/", ct);
        Assert.Equal("/", away.Headers.Location?.ToString());
    }
}
