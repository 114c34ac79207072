using System.Text.RegularExpressions;
using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Houqin.Tests.Browser;

/// <summary>The service desk as people use it on their phones: reporting by a door's QR code, and a technician's day.</summary>
[Collection(BrowserCollection.Name)]
public partial class ServiceDeskBrowserTests(BrowserFixture browser)
{
    private static readonly DateTimeOffset MondayTen = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));

    [GeneratedRegex(@"^HQ-2026-\d{6}$")]
    private static partial Regex Number();

    [GeneratedRegex(@"/requests/[0-9a-f-]{36}$")]
    private static partial Regex RequestUrl();

    /// <summary>For the docs: with HOUQIN_SCREENSHOTS set to a folder (e.g. docs), the pages as a phone shows them.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HOUQIN_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"screenshot-{name}.png"), FullPage = true });
        }
    }

    private static async Task<bool> FitsAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task A_student_reports_a_leak_on_a_phone_by_the_rooms_QR_code()
    {
        await using var app = await TestApp.StartAsync(MondayTen, kestrel: true);
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            token = await db.Set<Room>().Where(r => r.Code == "E-01-101").Select(r => r.QrToken).SingleAsync(TestContext.Current.CancellationToken);
        }
        var page = await browser.NewPageAsync(app, BrowserFixture.Phone);

        // Scanning the code opens the link; signing in comes first and leads back to the form.
        await page.GotoAsync($"/r/{token}");
        await page.Locator("#UserName").FillAsync("student");
        await page.Locator("#Password").FillAsync(DemoCampus.DefaultPassword);
        await page.Locator("main button[type=submit]").First.ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我要报修");
        await Assertions.Expect(page.Locator("#qr-place")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#Room")).ToHaveValueAsync("E-01-101");
        await page.Locator("#Category").SelectOptionAsync("water-leak");
        await page.Locator("#Description").FillAsync("卫生间洗手池下方水管漏水，地上有积水");
        await page.Locator("input[name=Urgency][value=Urgent]").CheckAsync();
        await page.Locator("#NewPhotos").SetInputFilesAsync(new FilePayload { Name = "leak.png", MimeType = "image/png", Buffer = DeskPages.PhotoPageTests.Png });
        Assert.True(await FitsAsync(page));
        await ScreenshotAsync(page, "report");
        await page.Locator("main button[type=submit]").First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(RequestUrl());
        await Assertions.Expect(page.Locator("#request-number")).ToHaveTextAsync(Number());
        await Assertions.Expect(page.Locator("#request-status")).ToHaveTextAsync("已提交，待受理");
        await Assertions.Expect(page.Locator("#request-place")).ToContainTextAsync("101");
        // Urgent: on site within 2 hours, resolved within 24, round the clock.
        await Assertions.Expect(page.Locator("#commitments")).ToContainTextAsync("2026年11月30日 12:00");
        await Assertions.Expect(page.Locator("#commitments")).ToContainTextAsync("2026年12月1日 10:00");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("提交了报修");
        // The photo came with the report, and the browser shows it (the page's CSP lets the request's own photos in).
        var photo = page.Locator("#photos img");
        await Assertions.Expect(photo).ToHaveCountAsync(1);
        await Assertions.Expect(photo).ToHaveJSPropertyAsync("naturalWidth", 5);
        Assert.True(await FitsAsync(page));
        await ScreenshotAsync(page, "request");

        await page.GetByRole(AriaRole.Link, new() { Name = "我的报修" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#my-requests li[data-number]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_technicians_day_on_a_phone_acknowledge_arrive_complete_and_the_student_confirms()
    {
        await using var app = await TestApp.StartAsync(MondayTen);
        var factory = app.WithTestSignIn();
        factory.UseKestrel(0);
        factory.StartServer();
        Task<IPage> As(string user) =>
            browser.NewPageAsync(factory.ClientOptions.BaseAddress, BrowserFixture.Phone, headers: new Dictionary<string, string> { [TestSignIn.Header] = user });

        // The student picks the place step by step; htmx brings each step's choices.
        var student = await As("student");
        await student.GotoAsync("/requests/new");
        await student.Locator("#Category").SelectOptionAsync("water-pipe");
        await student.Locator("#Campus").SelectOptionAsync("E");
        await Assertions.Expect(student.Locator("#Building option[value='E-01']")).ToBeAttachedAsync();
        // htmx wires a swapped-in select when the swap settles, a moment after it is shown: a choice made before that
        // is never sent (a loaded machine's CI saw it). Choose once nothing is settling.
        await Assertions.Expect(student.Locator(".htmx-settling, .htmx-request")).ToHaveCountAsync(0);
        await student.Locator("#Building").SelectOptionAsync("E-01");
        await Assertions.Expect(student.Locator("#Room option[value='E-01-102']")).ToBeAttachedAsync();
        await student.Locator("#Room").SelectOptionAsync("E-01-102");
        await student.Locator("#Description").FillAsync("水龙头关不紧，一直滴水");
        await student.Locator("main button[type=submit]").First.ClickAsync();
        await Assertions.Expect(student.Locator("#request-number")).ToHaveTextAsync(Number());
        var number = await student.Locator("#request-number").TextContentAsync();

        var water2 = await As("water2");
        await water2.GotoAsync("/desk");
        await Assertions.Expect(water2.Locator("#handling li[data-number]")).ToHaveCountAsync(1);
        await ScreenshotAsync(water2, "desk");
        await water2.Locator("#handling").GetByRole(AriaRole.Link, new() { Name = number! }).ClickAsync();
        await water2.GetByRole(AriaRole.Button, new() { Name = "受理" }).ClickAsync();
        await Assertions.Expect(water2.Locator("#request-status")).ToHaveTextAsync("已受理");
        await water2.GetByRole(AriaRole.Button, new() { Name = "已到现场" }).ClickAsync();
        await Assertions.Expect(water2.Locator("#request-status")).ToHaveTextAsync("维修人员已到场");
        await water2.Locator("#Method").FillAsync("更换水龙头阀芯");
        await water2.Locator("#Result").FillAsync("已修好，不再滴水");
        await water2.Locator("#Materials").FillAsync("阀芯\n生料带");
        Assert.True(await FitsAsync(water2));
        await ScreenshotAsync(water2, "complete");
        await water2.Locator("main button[type=submit]").First.ClickAsync();
        await Assertions.Expect(water2.Locator("#request-status")).ToHaveTextAsync("已完成，待确认");
        await Assertions.Expect(water2.Locator("#completion")).ToContainTextAsync("阀芯、生料带");
        await Assertions.Expect(water2.Locator("#actions")).ToHaveCountAsync(0);

        await student.ReloadAsync();
        await Assertions.Expect(student.Locator("#completion")).ToContainTextAsync("已修好，不再滴水");
        await student.GetByRole(AriaRole.Button, new() { Name = "确认已解决" }).ClickAsync();
        await Assertions.Expect(student.Locator("#request-status")).ToHaveTextAsync("已确认解决");
        var timeline = student.Locator("#timeline li");
        await Assertions.Expect(timeline).ToHaveCountAsync(5);
        await Assertions.Expect(timeline.Nth(1)).ToContainTextAsync("受理了报修");
        await Assertions.Expect(timeline.Nth(3)).ToContainTextAsync("完成了维修");
        await Assertions.Expect(timeline.Nth(4)).ToContainTextAsync("确认问题已解决");

        // Done requests leave the queue.
        await water2.GotoAsync("/desk");
        await Assertions.Expect(water2.Locator("#handling li[data-number]")).ToHaveCountAsync(0);
    }
}
