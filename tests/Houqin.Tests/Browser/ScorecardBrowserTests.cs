using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Browser;

/// <summary>The director reads the teams' ranking chart on a phone and follows a team to its people, then a person to their month.</summary>
[Collection(BrowserCollection.Name)]
public class ScorecardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_director_reads_the_team_chart_and_follows_a_team_to_its_people()
    {
        await using var app = await TestApp.StartAsync(Beijing(11, 30, 10, 0));
        var factory = app.WithTestSignIn();
        factory.UseKestrel(0);
        factory.StartServer();
        var page = await browser.NewPageAsync(
            factory.ClientOptions.BaseAddress,
            BrowserFixture.Phone,
            headers: new Dictionary<string, string> { [TestSignIn.Header] = "director" }
        );

        await page.GotoAsync("/scorecards");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("月度考核 · 2026年11月");
        var bars = page.Locator("#team-ranking g.bar");
        await Assertions.Expect(bars).ToHaveCountAsync(5);
        // Each bar says whose it is and what it scored, as text a reader (or a screen reader) can take in.
        var water = page.Locator("#team-ranking g.bar[data-key=water]");
        await Assertions.Expect(water.Locator(".bar-label")).ToHaveTextAsync("水电组");
        var score = await water.GetAttributeAsync("data-value");
        await Assertions.Expect(water.Locator(".bar-value")).ToHaveTextAsync(score!);
        Assert.True(await water.Locator(".bar-label").IsVisibleAsync());
        // The chart fits the phone, and its labels are drawn at a readable size.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var labelHeight = (await water.Locator(".bar-label").BoundingBoxAsync())!.Height;
        Assert.True(labelHeight >= 12, $"label {labelHeight}px high");
        await ShotAsync(page, "scorecards-phone");

        await water.ClickAsync();
        // The address, not the page's "load" event (WaitForURL waits for both): under the full suite's load, "load" once
        // came after 15 s. The assertions below wait for the content they read.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/scorecards\?month=2026-11&team=water$"), Following);
        var people = page.Locator("#people-ranking g.bar");
        await Assertions.Expect(people.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#people-ranking g.bar[data-key=water2] .bar-label")).ToHaveTextAsync("刘海");
        await Assertions.Expect(page.Locator("#people tr[data-user=repair1]")).ToHaveCountAsync(0);
        await ShotAsync(page, "scorecards-team-phone");

        await page.Locator("#people-ranking g.bar[data-key=water2]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/scorecards/water2/2026-11$"), Following);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("刘海 · 2026年11月");
        await Assertions.Expect(page.Locator("#trend-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#commitments-chart g.bar")).ToHaveCountAsync(3);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(page, "scorecard-person-phone");
    }

    /// <summary>A followed link's page may be slow to come under the full suite's load.</summary>
    private static readonly PageAssertionsToHaveURLOptions Following = new() { Timeout = 30_000 };

    /// <summary>With HOUQIN_SCREENSHOTS set to a folder, the page as the test left it.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HOUQIN_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"screenshot-{name}.png"), FullPage = true });
        }
    }
}
