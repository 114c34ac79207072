using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Houqin.Features.ServiceDesk.Photos;
using Houqin.Infrastructure.Files;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk.Photos;

public class PhotosTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Made with libjpeg-turbo's cjpeg (3×2), zlib (5×4 RGB) and libwebp's cwebp (7×3 lossy and lossless).
    private static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDgKKKK+eP2E//Z"
    );

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAUAAAAECAIAAADJUWIXAAAAEUlEQVR4nGPgEjmBjBhI5AMAMIYR+bu4M7kAAAAASUVORK5CYII="
    );

    private static readonly byte[] WebP = Convert.FromBase64String("UklGRjgAAABXRUJQVlA4ICwAAADQAQCdASoHAAMAAgA0JaACdLoB+AADsACb/87B7Lv3sl/9ZX8yv5lf7uwAAA==");

    private static readonly byte[] WebPLossless = Convert.FromBase64String("UklGRh4AAABXRUJQVlA4TBEAAAAvBoAAAAdQ5HrUo/+BiOh/AAA=");

    private static async Task<(TestApp App, WebApplicationFactory<Program> Web, HttpClient Student, HttpClient Water2, JsonElement Request)> ReportedAsync()
    {
        var app = await TestApp.StartAsync(Beijing(11, 30, 10, 0));
        if (TestApp.OnPostgres)
        {
            // No SQLite file to sit beside: keep the test's files in a temporary folder of its own.
            app.Configure("Houqin:Storage:Path", Directory.CreateTempSubdirectory("houqin-files-").FullName);
        }
        var web = app.WithTestSignIn();
        var student = web.As("student");
        return (app, web, student, web.As("water2"), await student.ReportAsync().CreatedAsync());
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, JsonElement request, byte[] bytes, string fileName = "photo.jpg", string declared = "image/jpeg", string? stage = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declared);
        form.Add(file, "file", fileName);
        if (stage is not null)
        {
            form.Add(new StringContent(stage), "stage");
        }
        return client.PostAsync($"/api/v1/service-requests/{request.Id()}/photos", form, Ct);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.Str("code"));
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Real_jpeg_png_and_webp_photos_are_accepted_with_their_sizes_and_served_back_privately()
    {
        var (app, _, student, water2, r) = await ReportedAsync();
        await using var running = app;

        var sizes = new List<(string, int, int)>();
        foreach (var (bytes, name) in new[] { (Jpeg, "a.jpg"), (Png, "b.png"), (WebP, "c.webp"), (WebPLossless, "d.webp") })
        {
            var created = await UploadAsync(student, r, bytes, name, "application/octet-stream");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var photo = await created.JsonAsync();
            sizes.Add((photo.Str("contentType"), photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
            Assert.Equal("Report", photo.Str("stage"));
            Assert.Equal(bytes.Length, photo.GetProperty("byteLength").GetInt64());
        }
        Assert.Equal([("image/jpeg", 3, 2), ("image/png", 5, 4), ("image/webp", 7, 3), ("image/webp", 7, 3)], sizes);

        var list = (await (await water2.GetAsync($"/api/v1/service-requests/{r.Id()}/photos", Ct)).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(4, list.Count);
        Assert.All(list, p => Assert.Equal("student", p.Str("uploadedBy")));
        var served = await water2.GetAsync(list[1].Str("url"), Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(served.Headers.CacheControl?.Private);
        Assert.False(served.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_text_file_named_jpg_and_headers_beyond_the_limits_are_refused_naming_the_file()
    {
        var (app, web, student, _, r) = await ReportedAsync();
        await using var running = app;

        await AssertRefusedAsync(await UploadAsync(student, r, "这不是照片 <script>alert(1)</script>"u8.ToArray(), "photo.jpg", "image/jpeg"), "file_not_image");
        await AssertRefusedAsync(await UploadAsync(student, r, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "a.png", "image/png"), "file_not_image");
        await AssertRefusedAsync(await UploadAsync(student, r, Jpeg[..40], "cut.jpg"), "file_not_image");

        var flood = Png.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(flood.AsSpan(16), 8000);
        BinaryPrimitives.WriteUInt32BigEndian(flood.AsSpan(20), 6000); // 48 megapixels in a 74-byte file
        await AssertRefusedAsync(await UploadAsync(student, r, flood, "flood.png", "image/png"), "file_too_many_pixels");

        var huge = new byte[RequestPhoto.MaxBytes + 1];
        Jpeg.CopyTo(huge, 0);
        await AssertRefusedAsync(await UploadAsync(student, r, huge, "huge.jpg"), "file_too_large");

        Assert.Empty((await (await student.GetAsync($"/api/v1/service-requests/{r.Id()}/photos", Ct)).JsonAsync()).EnumerateArray());
        var store = (LocalFileStore)web.Services.GetRequiredService<IFileStore>();
        Assert.Empty(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Someone_who_cannot_see_the_request_gets_404_for_its_photos_and_cannot_add_any()
    {
        var (app, web, student, _, r) = await ReportedAsync();
        await using var running = app;
        var photo = await (await UploadAsync(student, r, Jpeg)).JsonAsync();

        var teacher = web.As("teacher");
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync(photo.Str("url"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/api/v1/service-requests/{r.Id()}/photos", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(teacher, r, Jpeg)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("water2").GetAsync($"/api/v1/service-requests/{r.Id()}/photos/{Guid.CreateVersion7()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.ClientAs(null).GetAsync(photo.Str("url"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Completion_photos_come_from_the_staff_on_the_request_and_each_stage_holds_nine()
    {
        var (app, _, student, water2, r) = await ReportedAsync();
        await using var running = app;

        var refused = await UploadAsync(student, r, Png, stage: "Completion");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("not_allowed", await refused.CodeAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await UploadAsync(water2, r, Png, stage: "After")).StatusCode);
        for (var i = 0; i < RequestPhoto.MaxPerStage; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(water2, r, Png, stage: "Completion")).StatusCode);
        }
        await AssertRefusedAsync(await UploadAsync(water2, r, Png, stage: "Completion"), "too_many_photos");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(student, r, Png)).StatusCode);

        var timeline = (await student.GetRequestAsync(r)).GetProperty("timeline").EnumerateArray().Select(t => t.Str("action")).ToList();
        Assert.Equal(RequestPhoto.MaxPerStage + 1, timeline.Count(a => a == "service_request.photo_added"));
    }

    [Fact]
    public async Task Photos_are_stored_under_generated_names_outside_the_web_root()
    {
        var (app, web, student, _, r) = await ReportedAsync();
        await using var running = app;
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(student, r, WebP, "../../wwwroot/evil.html", "text/html")).StatusCode);

        var store = (LocalFileStore)web.Services.GetRequiredService<IFileStore>();
        var webRoot = web.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        Assert.False(store.Root.StartsWith(Path.GetFullPath(webRoot), StringComparison.Ordinal));
        var stored = Assert.Single(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories));
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored));
        Assert.Equal(WebP, await File.ReadAllBytesAsync(stored, Ct));
        Assert.False(File.Exists(Path.Combine(webRoot, "evil.html")));
    }
}
