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
    public static async Task<HttpResponseMessage> PostPhotosAsync(this HttpClient client, string formPage, string path, Dictionary<string, string> fields, params byte[][] files)
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
        return await client.PostAsync(path, form, Ct);
    }

    private static async Task<string> TokenAsync(HttpClient client, string formPage)
    {
        var (_, page) = await client.GetPageAsync(formPage);
        return page.QuerySelector("main input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException($"No form on {formPage}");
    }

    public static string Text(this IDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim() ?? "";

    public static string Errors(this IDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors li").Select(e => e.TextContent.Trim()));
}
