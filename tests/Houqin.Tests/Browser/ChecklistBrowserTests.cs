using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Houqin.Tests.Browser;

/// <summary>A technician's daily must-do list on a phone: a reading and a photo, each item ticked in place by htmx.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChecklistBrowserTests(BrowserFixture browser)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_technician_ticks_the_meter_reading_and_the_boiler_round_on_a_phone()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        factory.UseKestrel(0);
        factory.StartServer();
        using (var clock = factory.CreateClient())
        {
            // Monday 09:00: the midnight opening falls due.
            (await clock.PostAsJsonAsync("/api/v1/test-clock/advance", new { by = "PT0S" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }
        var page = await browser.NewPageAsync(factory.ClientOptions.BaseAddress, BrowserFixture.Phone, headers: new Dictionary<string, string> { [TestSignIn.Header] = "water2" });
        await page.GotoAsync("/checklist");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("每日必做");

        var meter = page.Locator("li.check-item", new() { HasText = "记录总水表读数" });
        await Assertions.Expect(meter.Locator(".tag")).ToHaveTextAsync("待完成");
        // Without the reading the browser itself refuses; with a wrong one the server says why, in place.
        await meter.Locator("input[name=Reading]").FillAsync("一二三");
        await meter.GetByRole(AriaRole.Button, new() { Name = "✓ 完成" }).ClickAsync();
        await Assertions.Expect(meter.Locator(".errors")).ToHaveTextAsync("请填写正确的读数（数字）。");
        await meter.Locator("input[name=Reading]").FillAsync("1234.5");
        await meter.GetByRole(AriaRole.Button, new() { Name = "✓ 完成" }).ClickAsync();
        await Assertions.Expect(meter.Locator(".tag")).ToHaveTextAsync("已完成");
        await Assertions.Expect(meter).ToContainTextAsync("1234.5 m³");

        var boiler = page.Locator("li.check-item", new() { HasText = "巡查锅炉房" });
        await boiler.Locator("input[name=Photo]").SetInputFilesAsync(new FilePayload { Name = "boiler.png", MimeType = "image/png", Buffer = Png });
        await boiler.GetByRole(AriaRole.Button, new() { Name = "✓ 完成" }).ClickAsync();
        await Assertions.Expect(boiler.Locator(".tag")).ToHaveTextAsync("已完成");
        await Assertions.Expect(boiler.GetByRole(AriaRole.Link, new() { Name = "照片" })).ToBeVisibleAsync();

        Assert.EndsWith("/checklist", page.Url); // ticked in place: the page never left
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        if (Environment.GetEnvironmentVariable("HOUQIN_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "screenshot-checklist.png"), FullPage = true });
        }
    }
}
