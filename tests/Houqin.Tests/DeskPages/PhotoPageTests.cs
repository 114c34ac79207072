using System.Net;
using System.Text.Json;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>Photos from the pages: with the report, with the completion, and added on the request's page.</summary>
public class PhotoPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A 5×4 PNG: a real image, checked by content like any other.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAUAAAAECAIAAADJUWIXAAAAEUlEQVR4nGPgEjmBjBhI5AMAMIYR+bu4M7kAAAAASUVORK5CYII=");

    internal static Dictionary<string, string> Report(string key) =>
        new()
        {
            ["Category"] = "water-leak",
            ["Room"] = "E-01-101",
            ["Description"] = "卫生间水管漏水，地面积水",
            ["Urgency"] = "Normal",
            ["Key"] = key,
        };

    internal static async Task<List<JsonElement>> MineAsync(HttpClient client)
    {
        var list = await (await client.GetAsync("/api/v1/service-requests?scope=mine", Ct)).JsonAsync();
        return list.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task A_report_with_a_photo_shows_it_and_a_file_that_is_not_an_image_leaves_the_form_and_makes_nothing()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");

        var refused = await student.PostPhotosAsync("/requests/new", "/requests/new", Report(Guid.NewGuid().ToString("N")), "not a photo"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var form = await Forms.ParseAsync(refused);
        Assert.Contains("只能上传 JPEG、PNG 或 WebP", form.Errors(), StringComparison.Ordinal);
        Assert.Equal("卫生间水管漏水，地面积水", form.QuerySelector("#Description")!.TextContent.Trim());
        Assert.Empty(await MineAsync(student));

        var made = await student.PostPhotosAsync("/requests/new", "/requests/new", Report(Guid.NewGuid().ToString("N")), Png);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var (_, page) = await student.GetPageAsync(made.Headers.Location!.OriginalString);
        var images = page.QuerySelectorAll("#photos img").Select(i => i.GetAttribute("src")!).ToList();
        Assert.Single(images);
        Assert.Contains("报修照片", page.Text("#photos"), StringComparison.Ordinal);
        Assert.Equal(Png, await student.GetByteArrayAsync(images[0], Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("student2").GetAsync(images[0], Ct)).StatusCode);
        var r = Assert.Single(await MineAsync(student));
        Assert.Contains("service_request.photo_added", (await student.GetRequestAsync(r)).GetProperty("timeline").EnumerateArray().Select(t => t.Str("action")));
    }

    [Fact]
    public async Task The_technician_completes_with_photos_of_the_work_and_a_bad_photo_refuses_the_completion_whole()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var water2 = web.As("water2");
        await water2.StepAsync(r, "acknowledge");
        await water2.StepAsync(r, "arrive");
        var path = $"/requests/{r.Id()}";
        var work = new Dictionary<string, string> { ["Method"] = "更换阀门", ["Result"] = "已修好，不再漏水" };

        var tooMany = await water2.PostPhotosAsync(path, path + "?handler=Complete", work, Png, Png, Png, Png);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Contains("一次最多上传 3 张照片", (await Forms.ParseAsync(tooMany)).Errors(), StringComparison.Ordinal);
        var bad = await water2.PostPhotosAsync(path, path + "?handler=Complete", work, Png, "GIF89a"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("OnSite", (await water2.GetRequestAsync(r)).Str("status"));

        var done = await water2.PostPhotosAsync(path, path + "?handler=Complete", work, Png, Png);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("Completed", (await water2.GetRequestAsync(r)).Str("status"));
        var (_, page) = await web.As("student").GetPageAsync(path);
        Assert.Equal(2, page.QuerySelectorAll("#photos img").Length);
        Assert.Contains("完工照片", page.Text("#photos"), StringComparison.Ordinal);
        // The requester may add photos of the problem, not of the work.
        Assert.Null(page.QuerySelector("#add-photos select"));
        var added = await web.As("student").PostPhotosAsync(path, path + "?handler=Photos", new() { ["Stage"] = "Completion" }, Png);
        Assert.Equal(HttpStatusCode.Forbidden, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await web.As("student").PostPhotosAsync(path, path + "?handler=Photos", [], Png)).StatusCode);
        var (_, after) = await water2.GetPageAsync(path);
        Assert.Equal(3, after.QuerySelectorAll("#photos img").Length);
        // A stage holds 9: with 8 there, two more are refused whole, not one saved and one refused.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await water2.PostPhotosAsync(path, path + "?handler=Photos", new() { ["Stage"] = "Completion" }, Png, Png, Png)).StatusCode);
        }
        var full = await water2.PostPhotosAsync(path, path + "?handler=Photos", new() { ["Stage"] = "Completion" }, Png, Png);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, full.StatusCode);
        Assert.Contains("每个阶段最多 9 张照片", (await Forms.ParseAsync(full)).Errors(), StringComparison.Ordinal);
        Assert.Equal(9, (await water2.GetPageAsync(path)).Page.QuerySelectorAll("#photos img").Length);
    }
}
