using System.Net.Http.Json;
using Houqin.Tests.ServiceDesk;
using Microsoft.Playwright;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Browser;

/// <summary>The director reads the leaders' board on a desktop; htmx brings a newly overdue request in without a reload.</summary>
[Collection(BrowserCollection.Name)]
public class BoardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_director_sees_a_newly_overdue_request_swapped_into_the_board_without_reloading()
    {
        await using var app = await TestApp.StartAsync(Beijing(11, 30, 10, 0));
        var factory = app.WithTestSignIn();
        factory.UseKestrel(0);
        factory.StartServer();
        // ClientAs would call the in-memory default address; these calls go to the Kestrel server the browser uses.
        using var student = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = factory.ClientOptions.BaseAddress });
        student.DefaultRequestHeaders.Add(TestSignIn.Header, "student");
        var r = await student.ReportAsync().CreatedAsync();
        var number = r.Str("number");
        var page = await browser.NewPageAsync(
            factory.ClientOptions.BaseAddress,
            BrowserFixture.Desktop,
            headers: new Dictionary<string, string> { [TestSignIn.Header] = "director" }
        );

        await page.GotoAsync("/board");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("督办看板");
        await Assertions.Expect(page.Locator("#overdue li[data-number]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("select[name=team]")).ToBeVisibleAsync();
        // On a desktop the sections stand two by two, and nothing runs off the side.
        var overdue = await page.Locator("#overdue").BoundingBoxAsync();
        var escalated = await page.Locator("#escalated").BoundingBoxAsync();
        Assert.Equal(overdue!.Y, escalated!.Y);
        Assert.True(escalated.X > overdue.X);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        // A mark on this document: a reload would lose it.
        await page.EvaluateAsync("() => { window.boardMark = 'still-here'; }");

        var advanced = await student.PostAsJsonAsync("/api/v1/test-clock/advance", new { by = "PT31M" }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, advanced.StatusCode);

        await Assertions.Expect(page.Locator($"#overdue li[data-number='{number}']")).ToContainTextAsync(
            "已升级至组长",
            new() { Timeout = 45_000 }
        );
        Assert.Equal("still-here", await page.EvaluateAsync<string>("() => window.boardMark"));
        await Assertions.Expect(page.Locator("#overdue h2 .count")).ToHaveTextAsync("(1)");
        await ShotAsync(page, "board");

        // The same board on a phone: one column, nothing wider than the screen.
        var phone = await browser.NewPageAsync(
            factory.ClientOptions.BaseAddress,
            BrowserFixture.Phone,
            headers: new Dictionary<string, string> { [TestSignIn.Header] = "director" }
        );
        await phone.GotoAsync("/board?team=water");
        await Assertions.Expect(phone.Locator($"#overdue li[data-number='{number}']")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(phone, "board-phone");
    }

    /// <summary>With HOUQIN_SCREENSHOTS set to a folder, the board as the test left it.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HOUQIN_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"screenshot-{name}.png"), FullPage = true });
        }
    }
}
