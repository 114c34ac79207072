using System.Net;
using System.Net.Http.Json;
using Houqin.Tests.Security;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Houqin.Tests.Browser;

/// <summary>
/// QUALITY.md "XSS" in a real browser: a request and a procedure page holding the corpus, whose scripts would set
/// <c>window.__xss</c>, retitle the page or open a dialog. Chromium loads them (autofocus, onload, onerror, srcdoc
/// all get their chance) and none of it ever fires.
/// </summary>
[Collection(BrowserCollection.Name)]
public class XssBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_payload_fires_on_the_request_page_or_the_procedure_page()
    {
        await using var app = await TestApp.StartAsync(Desk.Beijing(11, 30, 10, 0));
        var factory = app.WithTestSignIn();
        factory.UseKestrel(0);
        factory.StartServer();
        HttpClient As(string user)
        {
            // The real server's address: the default client options still name port 80.
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = factory.ClientOptions.BaseAddress });
            client.DefaultRequestHeaders.Add(TestSignIn.Header, user);
            return client;
        }
        var (student, water2) = (As("student"), As("water2"));

        var (description, reason, method, result, comment) =
            (new XssCorpus.Field("description", 2000), new XssCorpus.Field("pause", 1000, 40), new XssCorpus.Field("method", 500, 80), new XssCorpus.Field("result", 2000, 100), new XssCorpus.Field("comment", 2000, 150));
        var r = await student.ReportAsync(extra: new { description = description.Next() }).CreatedAsync();
        foreach (var (step, body) in new (string, object?)[]
        {
            ("acknowledge", null), ("arrive", null), ("pause", new { reason = reason.Next() }), ("resume", null),
            ("complete", new { method = method.Next(), result = result.Next(), materials = Array.Empty<string>() }),
        })
        {
            Assert.Equal(HttpStatusCode.OK, (await water2.StepAsync(r, step, body)).StatusCode);
        }
        var version2 = await Houqin.Tests.ProcedurePages.Rules.VersionPathAsync(app, 2);
        var id = version2.Split('/')[2];
        for (var clause = 1; !comment.WentRound; clause++)
        {
            var posted = await student.PostAsJsonAsync($"/api/v1/procedures/{id}/versions/2/comments", new { clause, text = comment.Next() }, Ct);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        foreach (var path in new[] { $"/requests/{r.Id()}", version2 })
        {
            var page = await browser.NewPageAsync(factory.ClientOptions.BaseAddress, BrowserFixture.Desktop, headers: new Dictionary<string, string> { [TestSignIn.Header] = "student" });
            var dialogs = 0;
            page.Dialog += (_, d) =>
            {
                dialogs++;
                _ = d.DismissAsync();
            };
            var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
            Assert.Equal(200, response?.Status);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("XSS-" + (path.StartsWith("/requests", StringComparison.Ordinal) ? "description-0" : "comment-0"));
            // Give timers, focus, media errors and frames their moment, and pass the mouse over the page.
            await page.Mouse.MoveAsync(200, 300);
            await page.Mouse.MoveAsync(600, 500, new() { Steps = 10 });
            await page.Keyboard.PressAsync("Tab");
            await page.WaitForTimeoutAsync(500);

            Assert.False(await page.EvaluateAsync<bool>("() => window.__xss !== undefined || [...document.querySelectorAll('iframe')].some(f => { try { return f.contentWindow.__xss !== undefined; } catch { return false; } })"), $"a payload ran on {path}");
            Assert.NotEqual("XSS", await page.TitleAsync());
            Assert.Equal(0, dialogs);
            // The text is there, as text: what a payload would have made is not in the document.
            Assert.Equal(0, await page.Locator("main script, main iframe, main svg, main img[onerror], main [onload], main object, main embed").CountAsync());
            await page.Context.CloseAsync();
        }
    }
}
