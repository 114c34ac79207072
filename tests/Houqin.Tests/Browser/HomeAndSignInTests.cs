using Houqin.Infrastructure.Clock;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.Playwright;
using OtpNet;

namespace Houqin.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class HomeAndSignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_anonymous_home_page_speaks_Chinese_on_a_phone_and_switches_to_English()
    {
        await using var app = await TestApp.StartAsync(kestrel: true);
        var page = await browser.NewPageAsync(app, BrowserFixture.Phone);

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("后勤服务");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator(".today")).ToContainTextAsync("2026年11月30日");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "如何报修" })).ToBeVisibleAsync();
        // Nothing sticks out sideways on a phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Logistics services");
        await Assertions.Expect(page.Locator(".today")).ToContainTextAsync("November 30, 2026");

        // The choice is remembered by the culture cookie on the next visit.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("后勤服务");
    }

    /// <summary>
    /// The sign-in page (/Account/SignIn with #UserName, #Password, then #Code) belongs to the accounts module;
    /// until it is merged these tests are skipped rather than failing. (Without the page, the fallback policy
    /// answers 404 or redirects to the missing page itself; with it, the page answers 200.)
    /// </summary>
    private static async Task RequireSignInPageAsync(TestApp app)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = app.ServerAddress };
        var response = await client.GetAsync("/Account/SignIn", TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Skip("Pending: /Account/SignIn is not on this branch yet (accounts module).");
        }
    }

    private static async Task SignInAsync(IPage page, string userName, TestApp? app = null, string? totpSecret = null)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(Houqin.Features.Organisation.DemoCampus.DefaultPassword);
        await page.Locator("main button[type=submit]").First.ClickAsync();
        if (totpSecret is not null)
        {
            await page.Locator("#Code").WaitForAsync();
            // Codes are checked against the application's clock, which is the manual one in tests.
            var now = app!.Services.GetRequiredService<ManualClock>().GetUtcNow().UtcDateTime;
            var code = new Totp(Base32Encoding.ToBytes(totpSecret)).ComputeTotp(now);
            await page.Locator("#Code").FillAsync(code);
            await page.Locator("main button[type=submit]").First.ClickAsync();
        }
        await Assertions.Expect(page.Locator("form[action='/Account/SignOut']")).ToBeAttachedAsync();
    }

    [Fact]
    public async Task A_student_signs_in_on_a_phone_and_sees_how_to_report()
    {
        await using var app = await TestApp.StartAsync(kestrel: true);
        await RequireSignInPageAsync(app);
        var page = await browser.NewPageAsync(app, BrowserFixture.Phone);

        await SignInAsync(page, "student");
        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("#requester-home")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "我要报修" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#admin-home")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".session .who")).ToHaveTextAsync("student");
    }

    [Fact]
    public async Task The_admin_signs_in_with_a_second_factor_on_a_desktop_and_searches_the_rooms()
    {
        await using var app = await TestApp.StartAsync(kestrel: true);
        await RequireSignInPageAsync(app);
        var page = await browser.NewPageAsync(app, BrowserFixture.Desktop);

        await SignInAsync(page, "admin", app, Houqin.Features.Organisation.DemoCampus.DefaultTotpSecret);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#admin-home")).ToContainTextAsync("房间");

        await page.GetByRole(AriaRole.Link, new() { Name = "组织管理" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "房间" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(25);

        await page.GetByRole(AriaRole.Searchbox).FillAsync("E-12-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync("E-12-305");
    }
}
