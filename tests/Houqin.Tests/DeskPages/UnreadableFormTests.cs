using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Houqin.Tests.Security;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>A form the server cannot read (a multipart body cut off, a broken boundary) is the sender's error: 400 in words, never a server error.</summary>
public class UnreadableFormTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"Description\"\r\n\r\n漏水")]
    [InlineData("multipart/form-data; boundary=x", "no boundary here at all")]
    [InlineData("multipart/form-data", "--x\r\n\r\n")]
    public async Task A_form_the_server_cannot_read_is_answered_400_in_words_and_nothing_is_made(string type, string body)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var before = await ControlCharacterTests.CountsAsync(web);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);

        var response = await web.As("student").PostAsync("/requests/new", content, Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {html}");
        Assert.DoesNotContain("服务器", html, StringComparison.Ordinal);
        Assert.Equal(before, await ControlCharacterTests.CountsAsync(web));
    }
}
