using Microsoft.Playwright;

namespace Houqin.Tests.Browser;

/// <summary>
/// The admin pages in a real browser, signed in by the test scheme's header (see <see cref="TestSignIn"/>)
/// so they are checked before the sign-in pages land; <see cref="HomeAndSignInTests"/> walks the real sign-in.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AdminBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_rooms_list_narrows_as_the_administrator_types_on_a_desktop()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        factory.UseKestrel(0);
        factory.StartServer();
        var page = await browser.NewPageAsync(
            factory.ClientOptions.BaseAddress,
            BrowserFixture.Desktop,
            headers: new Dictionary<string, string> { [TestSignIn.Header] = "admin" }
        );

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#admin-home")).ToContainTextAsync("房间");
        await page.GetByRole(AriaRole.Link, new() { Name = "组织管理" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "房间" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(25);

        // htmx swaps the results while typing, without a submit.
        await page.GetByRole(AriaRole.Searchbox).PressSequentiallyAsync("E-12-30");
        await Assertions.Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=E-12-30"));
        await page.GetByRole(AriaRole.Link, new() { Name = "E-12-305" }).ClickAsync();
        await Assertions.Expect(page.Locator("#qr-token")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9_-]{22}$"));
    }
}
