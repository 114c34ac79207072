using System.Net;
using Houqin.Features.ServiceDesk.Pages;
using Houqin.Features.ServiceDesk.Photos;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>
/// Forms whose photos make the body larger than the server takes (three 12 MB phone photos): over Kestrel, since only a
/// real server refuses a body by its size. The answer is a page in the user's language, not a bare 400, and nothing is made.
/// In the browser tests' collection: a Kestrel server from a derived factory listens on the one fixed port.
/// </summary>
[Collection(Browser.BrowserCollection.Name)]
public class FormLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A phone photo of 12 MB: a real PNG header, then padding.</summary>
    private static readonly byte[] PhonePhoto = Padded(12 * 1024 * 1024);

    private static byte[] Padded(int size)
    {
        var bytes = new byte[size];
        PhotoPageTests.Png.CopyTo(bytes, 0);
        return bytes;
    }

    private static async Task<(TestApp App, WebApplicationFactory<Program> Web)> StartOnKestrelAsync()
    {
        var app = await TestApp.StartAsync(Beijing(11, 30, 10, 0));
        var web = app.WithTestSignIn();
        web.UseKestrel(0);
        web.StartServer();
        return (app, web);
    }

    private static HttpClient Client(WebApplicationFactory<Program> web, string user, string? language = null)
    {
        var client = web.As(user);
        client.BaseAddress = web.ClientOptions.BaseAddress;
        client.Timeout = TimeSpan.FromMinutes(2);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
        return client;
    }

    [Fact]
    public async Task A_report_with_photos_over_the_limit_gets_413_saying_why_in_the_users_language_and_makes_nothing()
    {
        var (app, web) = await StartOnKestrelAsync();
        await using var running = app;
        var student = Client(web, "student");
        Assert.True(3L * PhonePhoto.Length > FormPhotos.BodyLimit);

        var refused = await student.PostPhotosAsync("/requests/new", "/requests/new", PhotoPageTests.Report(Guid.NewGuid().ToString("N")), PhonePhoto, PhonePhoto, PhonePhoto);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var page = await Forms.ParseAsync(refused);
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("照片太大，没有提交", page.Text("main h1"));
        Assert.Contains("每张照片不能超过 10 MB，一次最多 3 张", page.Text("#too-large"), StringComparison.Ordinal);
        Assert.Equal("/requests/new", page.QuerySelector("#back-to-form")?.GetAttribute("href"));
        Assert.Empty(await PhotoPageTests.MineAsync(student));

        var english = Client(web, "student", "en-US");
        var refusedInEnglish = await english.PostPhotosAsync("/requests/new", "/requests/new", PhotoPageTests.Report(Guid.NewGuid().ToString("N")), PhonePhoto, PhonePhoto, PhonePhoto);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedInEnglish.StatusCode);
        var englishPage = await Forms.ParseAsync(refusedInEnglish);
        Assert.Equal("The photos are too large to send", englishPage.Text("main h1"));
        Assert.Contains("Each photo can be at most 10 MB, and at most 3 go at once.", englishPage.Text("#too-large"), StringComparison.Ordinal);
        Assert.Empty(await PhotoPageTests.MineAsync(student));

        // The connection still serves the next form: the same report with photos that fit is made.
        // (On Kestrel the factory's client follows the redirect to the request's page.)
        var made = await student.PostPhotosAsync("/requests/new", "/requests/new", PhotoPageTests.Report(Guid.NewGuid().ToString("N")), PhotoPageTests.Png);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Single(await PhotoPageTests.MineAsync(student));
    }

    [Fact]
    public async Task A_completion_with_photos_over_the_limit_gets_413_and_the_work_is_not_completed_and_the_api_says_payload_too_large()
    {
        var (app, web) = await StartOnKestrelAsync();
        await using var running = app;
        var r = await Client(web, "student").ReportAsync().CreatedAsync();
        var water2 = Client(web, "water2");
        await water2.StepAsync(r, "acknowledge");
        await water2.StepAsync(r, "arrive");
        var path = $"/requests/{r.Id()}";

        var refused = await water2.PostPhotosAsync(path, path + "?handler=Complete", new() { ["Method"] = "更换阀门", ["Result"] = "已修好" }, PhonePhoto, PhonePhoto, PhonePhoto);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var page = await Forms.ParseAsync(refused);
        Assert.Equal("照片太大，没有提交", page.Text("main h1"));
        Assert.Equal(path, page.QuerySelector("#back-to-form")?.GetAttribute("href"));
        Assert.Equal("OnSite", (await water2.GetRequestAsync(r)).Str("status"));

        // A referring page on this host whose path reads as another site's address is no way back: the form's own is.
        var offSite = Client(web, "water2");
        var server = web.ClientOptions.BaseAddress;
        offSite.DefaultRequestHeaders.Referrer = new Uri($"{server.Scheme}://{server.Authority}//elsewhere.example/form");
        Assert.Equal("//elsewhere.example/form", offSite.DefaultRequestHeaders.Referrer.PathAndQuery);
        var refusedAgain = await offSite.PostPhotosAsync(path, path + "?handler=Complete", new() { ["Method"] = "更换阀门", ["Result"] = "已修好" }, PhonePhoto, PhonePhoto, PhonePhoto);
        Assert.Equal(path, (await Forms.ParseAsync(refusedAgain)).QuerySelector("#back-to-form")?.GetAttribute("href"));

        // The API's own upload takes one photo: a body over its limit is a 413 problem with a stable code.
        var upload = new MultipartFormDataContent { { new ByteArrayContent(PhonePhoto), "file", "photo.png" } };
        var api = await water2.PostAsync($"/api/v1/service-requests/{r.Id()}/photos?stage=Completion", upload, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("payload_too_large", await api.CodeAsync());
        Assert.Empty((await (await water2.GetAsync($"/api/v1/service-requests/{r.Id()}/photos", Ct)).JsonAsync()).EnumerateArray());
        Assert.True(PhonePhoto.Length > RequestPhoto.MaxBytes);
    }
}
