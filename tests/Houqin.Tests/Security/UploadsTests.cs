using System.Net;
using System.Text;
using System.Text.Json;
using Houqin.Infrastructure.Files;
using Houqin.Tests.Assessment;
using Houqin.Tests.DeskPages;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Security;

/// <summary>
/// QUALITY.md "uploads": every hostile file of <see cref="UploadsCorpus"/> posted to every upload there is (request
/// photos, checklist item photos by API and by page, the admin's CSV import) is refused with a 4xx, or — only when
/// its header is a real image — stored under a generated name outside the web root and served back as an attachment
/// with nosniff and a sandbox CSP, to those who may see it only.
/// </summary>
public sealed class UploadsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Taken(HostileFile File, string Url, string Endpoint);

    [Fact]
    public async Task Hostile_files_are_refused_or_neutralised_by_every_upload()
    {
        var corpus = UploadsCorpus.All();
        Assert.True(corpus.Count >= 40, $"{corpus.Count} files");

        var app = await TestApp.StartAsync();
        await using var running = app;
        if (TestApp.OnPostgres)
        {
            app.Configure("Houqin:Storage:Path", Directory.CreateTempSubdirectory("houqin-files-").FullName);
        }
        var web = app.WithTestSignIn();
        await Days.AdvanceAsync(web, "PT0S"); // Monday 09:00: today's checklists are open
        var student = web.As("student");
        var water2 = web.As("water2");
        var list = await water2.ChecklistAsync("water-duty");
        var boiler = list.Item("巡查锅炉房");
        var checklistPhoto = $"/api/v1/checklists/{list.Id()}/items/{boiler.Id()}/photo";
        // The page ticks the item it takes a photo for; the meter item (no reading sent) stays open, so the API keeps taking photos for the boiler.
        var checklistPage = $"/checklist?handler=Tick&checklistId={list.Id()}&itemId={list.Item("记录总水表读数").Id()}";

        var taken = new List<Taken>();
        var failures = new List<string>();
        JsonElement? request = null;
        var onRequest = 0;
        foreach (var file in corpus)
        {
            if (request is null || onRequest == 9) // nine photos per stage: a fresh request keeps the limit out of the way
            {
                request = await student.ReportAsync().CreatedAsync();
                onRequest = 0;
            }
            var photos = $"/api/v1/service-requests/{request.Value.Id()}/photos";
            if (await CheckApiAsync(student, photos, file, failures) is { } url)
            {
                taken.Add(new(file, url, "request"));
                onRequest++;
            }
            if (await CheckApiAsync(water2, checklistPhoto, file, failures) is not null)
            {
                taken.Add(new(file, checklistPhoto, "checklist"));
            }
            await CheckPageAsync(water2, "/checklist", checklistPage, "Photo", file, failures);
            await CheckPageAsync(web.As("admin"), "/Admin/Import", "/Admin/Import?handler=Rooms", "file", file with { MayBeTaken = false }, failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains(taken, t => t.Endpoint == "request");
        Assert.Contains(taken, t => t.Endpoint == "checklist");

        foreach (var t in taken)
        {
            var (owner, stranger) = t.Endpoint == "request" ? (student, web.As("teacher")) : (water2, web.As("repair2"));
            await AssertServedSafelyAsync(owner, t);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(t.Url, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await web.ClientAs(null).GetAsync(t.Url, Ct)).StatusCode);
        }

        // On disk: only generated names, only images, none of it under the web root.
        var store = (LocalFileStore)web.Services.GetRequiredService<IFileStore>();
        var webRoot = Path.GetFullPath(web.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath);
        Assert.False(store.Root.StartsWith(webRoot, StringComparison.Ordinal));
        var stored = Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).ToList();
        Assert.True(stored.Count >= taken.Count(t => t.Endpoint == "request"));
        foreach (var path in stored)
        {
            Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(path));
            var head = new byte[12];
            await using (var s = File.OpenRead(path))
            {
                await s.ReadAtLeastAsync(head, 12, throwOnEndOfStream: false, Ct);
            }
            Assert.True(IsImageMagic(head), $"{path} holds no image");
        }
        Assert.Empty(Directory.EnumerateFiles(webRoot, "evil*", SearchOption.AllDirectories));
    }

    private static bool IsImageMagic(byte[] head) =>
        head is [0x89, 0x50, 0x4E, 0x47, ..] or [0xFF, 0xD8, 0xFF, ..] || Encoding.ASCII.GetString(head) is ['R', 'I', 'F', 'F', _, _, _, _, 'W', 'E', 'B', 'P'];

    /// <summary>The URL to read it back when the endpoint took the file; a failure line when it answered wrongly.</summary>
    private static async Task<string?> CheckApiAsync(HttpClient client, string path, HostileFile file, List<string> failures)
    {
        var response = await client.PostAsync(path, Multipart(file, "file"), Ct);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (status is >= 200 and < 300)
        {
            if (!file.MayBeTaken)
            {
                failures.Add($"{path}: '{file}' was taken ({status})");
                return null;
            }
            // Request photos answer with the photo; a checklist answers with the checklist.
            return JsonDocument.Parse(body).RootElement.TryGetProperty("url", out var url) ? url.GetString() : path;
        }
        if (status is < 400 or >= 500)
        {
            failures.Add($"{path}: '{file}' answered {status}: {body[..Math.Min(body.Length, 300)]}");
        }
        else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{path}: '{file}' refused with {status} but not as problem+json ({response.Content.Headers.ContentType})");
        }
        else if (body.Contains(" at Houqin.", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
        {
            failures.Add($"{path}: '{file}' refusal leaks a stack trace");
        }
        return null;
    }

    /// <summary>A page's form upload: a redirect or a re-rendered page with 4xx, never 5xx; a non-image is never a success.</summary>
    private static async Task CheckPageAsync(HttpClient client, string formPage, string path, string field, HostileFile file, List<string> failures)
    {
        var (_, page) = await client.GetPageAsync(formPage);
        var token = page.QuerySelector("main input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException($"No form on {formPage}");
        var content = Multipart(file, field);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var response = await client.PostAsync(path, content, Ct);
        var status = (int)response.StatusCode;
        if (status >= 500 || (!file.MayBeTaken && status < 400))
        {
            failures.Add($"{path}: '{file}' answered {status}");
        }
    }

    /// <summary>Multipart written by hand, so the file name goes out exactly as the attacker wrote it (NUL, CRLF, quotes).</summary>
    private static MultipartFormDataContent Multipart(HostileFile file, string field)
    {
        var content = new MultipartFormDataContent("hostile-boundary");
        var part = new ByteArrayContent(file.Bytes);
        part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename=\"{file.FileName}\"");
        part.Headers.TryAddWithoutValidation("Content-Type", file.ClaimedType);
        content.Add(part);
        return content;
    }

    private static async Task AssertServedSafelyAsync(HttpClient owner, Taken t)
    {
        var served = await owner.GetAsync(t.Url, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var type = served.Content.Headers.ContentType?.MediaType;
        Assert.Contains(type, new[] { "image/jpeg", "image/png", "image/webp" });
        var disposition = served.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        var name = disposition?.FileNameStar ?? disposition?.FileName ?? "";
        Assert.Matches("^(photo|checklist)-[0-9a-f]{32}\\.(jpg|png|webp)$", name.Trim('"'));
        Assert.Equal("nosniff", Single(served, "X-Content-Type-Options"));
        var csp = Single(served, "Content-Security-Policy");
        Assert.Contains("sandbox", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        if (t.Endpoint == "request")
        {
            Assert.Equal(t.File.Bytes, await served.Content.ReadAsByteArrayAsync(Ct));
        }
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var v) ? v : response.Content.Headers.TryGetValues(header, out var c) ? c : []);
}
