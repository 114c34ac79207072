using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Houqin.Features.ServiceDesk.Pages;
using Houqin.Features.ServiceDesk.Photos;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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

    /// <summary>The 413 page in Chinese: why, the limits, and the way back to <paramref name="form"/>.</summary>
    private static async Task<AngleSharp.Dom.IDocument> TooLargePageAsync(HttpResponseMessage refused, string form)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var page = await Forms.ParseAsync(refused);
        Assert.Equal("照片太大，没有提交", page.Text("main h1"));
        Assert.Contains("每张照片不能超过 10 MB，一次最多 3 张", page.Text("#too-large"), StringComparison.Ordinal);
        Assert.Equal(form, page.QuerySelector("#back-to-form")?.GetAttribute("href"));
        return page;
    }

    [Fact]
    public async Task A_report_with_photos_over_the_limit_gets_413_saying_why_in_the_users_language_and_makes_nothing()
    {
        var (app, web) = await StartOnKestrelAsync();
        await using var running = app;
        var student = Client(web, "student");
        Assert.True(3L * PhonePhoto.Length > FormPhotos.BodyLimit);

        var refused = await student.PostPhotosAsync("/requests/new", "/requests/new", PhotoPageTests.Report(Guid.NewGuid().ToString("N")), PhonePhoto, PhonePhoto, PhonePhoto);
        var page = await TooLargePageAsync(refused, "/requests/new");
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
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
        await TooLargePageAsync(refused, path);
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

    [Fact]
    public async Task A_report_sent_chunked_over_the_limit_gets_the_same_413_page_and_one_within_it_is_made()
    {
        var (app, web) = await StartOnKestrelAsync();
        await using var running = app;
        var student = Client(web, "student");

        // No declared length: the server finds the body too large only while reading it.
        var refused = await student.PostPhotosChunkedAsync("/requests/new", "/requests/new", PhotoPageTests.Report(Guid.NewGuid().ToString("N")), PhonePhoto, PhonePhoto, PhonePhoto);
        await TooLargePageAsync(refused, "/requests/new");
        Assert.Empty(await PhotoPageTests.MineAsync(student));

        // Within the limit a chunked form is read as any other: the report and its photo are made.
        var made = await student.PostPhotosChunkedAsync("/requests/new", "/requests/new", PhotoPageTests.Report(Guid.NewGuid().ToString("N")), PhotoPageTests.Png);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Single(await PhotoPageTests.MineAsync(student));
    }

    [Fact]
    public async Task A_photo_sent_chunked_to_the_api_over_its_limit_is_a_payload_too_large_problem_and_one_within_it_is_added()
    {
        var (app, web) = await StartOnKestrelAsync();
        await using var running = app;
        var r = await Client(web, "student").ReportAsync().CreatedAsync();
        var water2 = Client(web, "water2");
        await water2.StepAsync(r, "acknowledge");
        var photos = $"/api/v1/service-requests/{r.Id()}/photos";

        var api = await water2.PostChunkedAsync(photos, new MultipartFormDataContent { { new ByteArrayContent(PhonePhoto), "file", "photo.png" } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = await api.JsonAsync();
        Assert.Equal("payload_too_large", problem.Str("code"));
        Assert.True(problem.GetProperty("maxBytes").GetInt64() is > RequestPhoto.MaxBytes and < 2 * RequestPhoto.MaxBytes);
        Assert.Empty((await (await water2.GetAsync(photos, Ct)).JsonAsync()).EnumerateArray());

        var added = await water2.PostChunkedAsync(photos, new MultipartFormDataContent { { new ByteArrayContent(PhotoPageTests.Png), "file", "photo.png" } });
        Assert.True(added.IsSuccessStatusCode, $"{added.StatusCode}: {await added.Content.ReadAsStringAsync(Ct)}");
        Assert.Single((await (await water2.GetAsync(photos, Ct)).JsonAsync()).EnumerateArray());
    }

    /// <summary>Every message that names a photo limit, by its resources' class and key.</summary>
    private static readonly (Type Resources, string Key)[] LimitMessages =
    [
        (typeof(Features.ServiceDesk.ServiceDeskText), "Error_file_too_large"),
        (typeof(Features.ServiceDesk.ServiceDeskText), "Error_too_many_at_once"),
        (typeof(Features.ServiceDesk.ServiceDeskText), "Error_too_many_photos"),
        (typeof(Features.ServiceDesk.ServiceDeskText), "Error_file_too_many_pixels"),
        (typeof(Features.ServiceDesk.ServiceDeskText), "Photos_Hint"),
        (typeof(Features.ErrorText), "Text413"),
        (typeof(Features.Assessment.AssessmentText), "Error_photo"),
    ];

    private static IStringLocalizer Resources(Type resources, string culture)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return factory.Create(resources);
    }

    [Theory]
    [InlineData("zh-CN", "每张照片不能超过 10 MB。", "一次最多上传 3 张照片，其余的可以稍后在报修单页面添加。", "可选，一次最多 3 张，每张不超过 10 MB（JPEG、PNG 或 WebP）。")]
    [InlineData("en-US", "A photo can be at most 10 MB.", "At most 3 photos at once; add the rest later on the request's page.", "Optional: up to 3 at once, each at most 10 MB (JPEG, PNG or WebP).")]
    public async Task The_photo_inputs_messages_say_the_limits_the_server_enforces_and_no_message_types_a_limit_itself(string language, string tooLarge, string tooMany, string hint)
    {
        await using var app = await TestApp.StartAsync(Beijing(11, 30, 10, 0));
        var web = app.WithTestSignIn();
        var student = web.As("student");
        student.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        // What the browser checks and what it says come from the same limits the server refuses by.
        var (_, page) = await student.GetPageAsync("/requests/new");
        var input = page.QuerySelector("#NewPhotos")!;
        Assert.Equal(RequestPhoto.MaxBytes.ToString(CultureInfo.InvariantCulture), input.GetAttribute("data-max-bytes"));
        Assert.Equal(FormPhotos.MaxPerForm.ToString(CultureInfo.InvariantCulture), input.GetAttribute("data-max-files"));
        Assert.Equal(tooLarge, input.GetAttribute("data-too-large"));
        Assert.Equal(tooMany, input.GetAttribute("data-too-many"));
        Assert.Equal(hint, page.Text("#NewPhotos ~ .hint"));

        // No message types a limit: each is a format the limits fill (PhotoLimits), so changing a limit changes every
        // message that names it, in both languages.
        foreach (var (resources, key) in LimitMessages)
        {
            var template = Resources(resources, language)[key];
            Assert.False(template.ResourceNotFound, $"{resources.Name}.{key}");
            Assert.Matches(@"\{\d\}", template.Value);
            Assert.DoesNotMatch(@"\d", Regex.Replace(template.Value, @"\{\d\}", ""));
        }
        var shown = Resources(typeof(Features.ServiceDesk.ServiceDeskText), language);
        Assert.Equal(tooLarge, shown["Error_file_too_large", PhotoLimits.Arguments]);
        Assert.Contains($"{RequestPhoto.MaxBytes / (1024 * 1024)} MB", tooLarge, StringComparison.Ordinal);
        Assert.Contains(FormPhotos.MaxPerForm.ToString(CultureInfo.InvariantCulture), tooMany, StringComparison.Ordinal);
        Assert.Contains(RequestPhoto.MaxPerStage.ToString(CultureInfo.InvariantCulture), shown["Error_too_many_photos", PhotoLimits.Arguments], StringComparison.Ordinal);
    }
}
