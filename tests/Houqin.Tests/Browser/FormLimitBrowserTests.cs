using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Houqin.Tests.Browser;

/// <summary>
/// A student on a phone picks photos straight from the camera, larger than a form takes: with JavaScript the form says
/// so beside the photos and is not sent; without it the server's page says so, and Back brings the typed form back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormLimitBrowserTests(BrowserFixture browser) : IDisposable
{
    private static readonly DateTimeOffset MondayTen = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));
    private const string Description = "卫生间洗手池下方水管漏水，地上有积水";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("houqin-photos-");

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>A "photo" of <paramref name="megabytes"/> MB in the test's folder: a PNG header, then padding.</summary>
    private string Photo(string name, int megabytes)
    {
        var bytes = new byte[megabytes * 1024 * 1024];
        DeskPages.PhotoPageTests.Png.CopyTo(bytes, 0);
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task<(WebApplicationFactory<Program> Web, string QrPath)> StartAsync(TestApp app)
    {
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            token = await db.Set<Room>().Where(r => r.Code == "E-01-101").Select(r => r.QrToken).SingleAsync(TestContext.Current.CancellationToken);
        }
        var web = app.WithTestSignIn();
        web.UseKestrel(0);
        web.StartServer();
        return (web, $"/r/{token}");
    }

    private static async Task<int> RequestsAsync(WebApplicationFactory<Program> web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ServiceRequest>().CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_photo_over_the_size_limit_is_refused_beside_the_photos_before_sending_and_what_was_typed_stays()
    {
        await using var app = await TestApp.StartAsync(MondayTen);
        var (web, qr) = await StartAsync(app);
        var page = await browser.NewPageAsync(web.ClientOptions.BaseAddress, BrowserFixture.Phone, headers: new Dictionary<string, string> { [TestSignIn.Header] = "student" });
        var before = await RequestsAsync(web);

        await page.GotoAsync(qr);
        await Assertions.Expect(page.Locator("#Room")).ToHaveValueAsync("E-01-101");
        await page.Locator("#Category").SelectOptionAsync("water-leak");
        await page.Locator("#Description").FillAsync(Description);
        var photos = page.Locator("#NewPhotos");
        var message = page.Locator("[data-valmsg-for=NewPhotos]");

        await photos.SetInputFilesAsync(Photo("IMG_0001.png", 11));
        await Assertions.Expect(message).ToHaveTextAsync("每张照片不能超过 10 MB。");
        await page.Locator("main button[type=submit]").First.ClickAsync();
        // Not sent: the same form, as typed, and no request.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我要报修");
        await Assertions.Expect(message).ToHaveTextAsync("每张照片不能超过 10 MB。");
        await Assertions.Expect(page.Locator("#Description")).ToHaveValueAsync(Description);
        Assert.Equal(before, await RequestsAsync(web));

        var small = Photo("small.png", 1);
        await photos.SetInputFilesAsync([small, small, small, small]);
        await Assertions.Expect(message).ToHaveTextAsync("一次最多上传 3 张照片，其余的可以稍后在报修单页面添加。");

        // Photos that fit: the message goes and the same form is sent as typed.
        await photos.SetInputFilesAsync(new FilePayload { Name = "leak.png", MimeType = "image/png", Buffer = DeskPages.PhotoPageTests.Png });
        await Assertions.Expect(message).ToBeEmptyAsync();
        await page.Locator("main button[type=submit]").First.ClickAsync();
        await Assertions.Expect(page.Locator("#request-status")).ToHaveTextAsync("已提交，待受理");
        await Assertions.Expect(page.Locator("#photos img")).ToHaveCountAsync(1);
        Assert.Equal(before + 1, await RequestsAsync(web));
    }

    [Fact]
    public async Task Without_javascript_photos_over_the_limit_get_the_servers_page_and_back_brings_the_form_as_typed()
    {
        await using var app = await TestApp.StartAsync(MondayTen);
        var (web, qr) = await StartAsync(app);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = web.ClientOptions.BaseAddress.ToString().TrimEnd('/'),
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestSignIn.Header] = "student" },
            ViewportSize = BrowserFixture.Phone,
            Locale = "zh-CN",
            IsMobile = true,
            JavaScriptEnabled = false,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var before = await RequestsAsync(web);

        await page.GotoAsync(qr);
        await page.Locator("#Category").SelectOptionAsync("water-leak");
        await page.Locator("#Description").FillAsync(Description);
        await page.Locator("#NewPhotos").SetInputFilesAsync([Photo("IMG_0001.png", 11), Photo("IMG_0002.png", 11), Photo("IMG_0003.png", 11)]);
        // (Without JavaScript the place's "next step" button is there too.)
        await page.GetByRole(AriaRole.Button, new() { Name = "提交报修" }).ClickAsync();

        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("照片太大，没有提交");
        await Assertions.Expect(page.Locator("#too-large")).ToContainTextAsync("每张照片不能超过 10 MB，一次最多 3 张");
        Assert.Equal(before, await RequestsAsync(web));

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我要报修");
        await Assertions.Expect(page.Locator("#Description")).ToHaveValueAsync(Description);
        await context.CloseAsync();
    }
}
