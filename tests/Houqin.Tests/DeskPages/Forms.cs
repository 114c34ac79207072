using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Houqin.Tests.DeskPages;

/// <summary>Pages as a browser without JavaScript would use them: parse the HTML, post forms with their antiforgery token.</summary>
public static class Forms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(HttpResponseMessage Response, IDocument Page)> GetPageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        return (response, await ParseAsync(response));
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the token from the page at <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string path, Dictionary<string, string> fields)
    {
        var token = await TokenAsync(client, formPage);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>As <see cref="PostFormAsync"/>, as multipart with <paramref name="files"/> under the field <c>NewPhotos</c>.</summary>
    public static async Task<HttpResponseMessage> PostPhotosAsync(this HttpClient client, string formPage, string path, Dictionary<string, string> fields, params byte[][] files) =>
        await client.PostAsync(path, await PhotoFormAsync(client, formPage, fields, files), Ct);

    /// <summary>
    /// As <see cref="PostPhotosAsync"/>, sent without a declared length (<c>Transfer-Encoding: chunked</c>), as a client
    /// streaming its upload does: the server learns the body's size only by reading it.
    /// </summary>
    public static async Task<HttpResponseMessage> PostPhotosChunkedAsync(this HttpClient client, string formPage, string path, Dictionary<string, string> fields, params byte[][] files) =>
        await client.PostChunkedAsync(path, await PhotoFormAsync(client, formPage, fields, files));

    /// <summary>Posts <paramref name="content"/> with <c>Transfer-Encoding: chunked</c> and no <c>Content-Length</c>.</summary>
    public static async Task<HttpResponseMessage> PostChunkedAsync(this HttpClient client, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return await client.SendAsync(request, Ct);
    }

    private static async Task<MultipartFormDataContent> PhotoFormAsync(HttpClient client, string formPage, Dictionary<string, string> fields, byte[][] files)
    {
        var token = await TokenAsync(client, formPage);
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (bytes, i) in files.Select((b, i) => (b, i)))
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "NewPhotos", $"photo{i}.jpg");
        }
        return form;
    }

    private static async Task<string> TokenAsync(HttpClient client, string formPage)
    {
        var (_, page) = await client.GetPageAsync(formPage);
        return page.QuerySelector("main input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException($"No form on {formPage}");
    }

    /// <summary>
    /// The list with element id <paramref name="list"/> read from <paramref name="path"/> on through its "older" links
    /// to the last page, as a reader would click: the path of each page and what it showed.
    /// </summary>
    public static async Task<List<(string Path, IDocument Page)>> FollowOlderAsync(this HttpClient client, string path, string list)
    {
        var pages = new List<(string, IDocument)>();
        for (string? next = path; next is not null;)
        {
            var (response, page) = await client.GetPageAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add((next, page));
            next = page.QuerySelector($"#{list} nav.pager a[rel=next]")?.GetAttribute("href");
            if (next is not null)
            {
                // The link lands on its list.
                Assert.EndsWith("#" + list, next, StringComparison.Ordinal);
                next = next[..next.IndexOf('#', StringComparison.Ordinal)];
            }
            Assert.True(pages.Count < 50, "the older links never end");
        }
        return pages;
    }

    /// <summary>The request numbers the list with element id <paramref name="list"/> shows, top to bottom.</summary>
    public static List<string> Numbers(this IDocument page, string list) =>
        page.QuerySelectorAll($"#{list} li[data-number]").Select(li => li.GetAttribute("data-number")!).ToList();

    public static string Text(this IDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim() ?? "";

    public static string Errors(this IDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors li").Select(e => e.TextContent.Trim()));
}
