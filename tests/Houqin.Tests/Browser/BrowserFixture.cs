using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Houqin.Tests.Browser.BrowserFixture))]

namespace Houqin.Tests.Browser;

/// <summary>
/// One headless Chromium for the whole test assembly (Debian's, never a downloaded one: no <c>playwright install</c>).
/// Each test opens its own context on its own <see cref="TestApp"/>, so tests share nothing but the browser process.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser did not start.");

    public async ValueTask InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        // An assertion waits as long as an action may (15 s, below), not Playwright's 5 s: the full suite loads the
        // machine, and an assertion that waits longer only fails later, never passes wrongly.
        Assertions.SetDefaultExpectTimeout(15_000);
        var path = Environment.GetEnvironmentVariable("HOUQIN_TEST_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        });
    }

    public Task<IPage> NewPageAsync(TestApp app, ViewportSize viewport, string? locale = "zh-CN") =>
        NewPageAsync(app.ServerAddress, viewport, locale);

    public async Task<IPage> NewPageAsync(Uri server, ViewportSize viewport, string? locale = "zh-CN", IDictionary<string, string>? headers = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString().TrimEnd('/'),
            ExtraHTTPHeaders = headers,
            ViewportSize = viewport,
            Locale = locale,
            IsMobile = viewport.Width < 600,
            HasTouch = viewport.Width < 600,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}
