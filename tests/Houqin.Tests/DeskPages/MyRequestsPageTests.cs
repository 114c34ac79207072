using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Features.ServiceDesk.Pages;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.WebUtilities;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>A requester's own requests (/requests), page by page, and what a list page does with a cursor it never wrote.</summary>
public class MyRequestsPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task My_requests_go_on_to_older_ones_to_the_end_each_once_newest_first_counted_with_the_apis_cursor()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var made = await student.ReportManyAsync(MyRequestsModel.Shown + 1);

        var pages = await student.FollowOlderAsync("/requests", "my-requests");

        var numbers = pages.SelectMany(p => p.Page.Numbers("my-requests")).ToList();
        QueuePageTests.AssertNewestFirstOnce(made, numbers);
        Assert.Equal(2, pages.Count);
        Assert.Equal(MyRequestsModel.Shown, pages[0].Page.Numbers("my-requests").Count);
        Assert.All(pages, p => Assert.Equal($"({numbers.Count})", p.Page.Text("#my-requests h2 .count")));
        Assert.Equal("/requests#my-requests", pages[1].Page.QuerySelector("#my-requests a[rel=first]")?.GetAttribute("href"));
        // The page's cursor is the API's: given to the API, it goes on from the same place.
        var cursor = QueryHelpers.ParseQuery(pages[1].Path[pages[1].Path.IndexOf('?', StringComparison.Ordinal)..])["mine"].ToString();
        var api = await student.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests?scope=mine&limit=100&cursor={Uri.EscapeDataString(cursor)}", Ct);
        Assert.Equal(pages[1].Page.Numbers("my-requests"), api.GetProperty("items").EnumerateArray().Select(i => i.Str("number")));
    }

    [Fact]
    public async Task A_cursor_no_page_wrote_is_a_422_in_the_readers_language_as_the_api_refuses_it_and_the_other_lists_still_show()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var leak = await student.ReportAsync().CreatedAsync();
        var water2 = web.As("water2");

        var (desk, deskPage) = await water2.GetPageAsync("/desk?handling=not-a-cursor");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, desk.StatusCode);
        Assert.Equal("这个链接里的翻页位置无效，请从最新的开始看。", deskPage.Text("#handling [role=alert]"));
        Assert.Empty(deskPage.Numbers("handling"));
        Assert.Equal("/desk#handling", deskPage.QuerySelector("#handling a[rel=first]")?.GetAttribute("href"));
        Assert.Contains(leak.Str("number"), deskPage.Numbers("owned"));

        var (mine, minePage) = await student.GetPageAsync("/requests?mine=2026%3A5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mine.StatusCode);
        Assert.Equal("这个链接里的翻页位置无效，请从最新的开始看。", minePage.Text("#my-requests [role=alert]"));
        var (found, foundPage) = await student.GetPageAsync("/requests?q=" + Uri.EscapeDataString("漏水") + "&found=%25");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, found.StatusCode);
        Assert.Equal("这个链接里的翻页位置无效，请从最新的开始看。", foundPage.Text("#search-results [role=alert]"));
        Assert.Equal([leak.Str("number")], foundPage.Numbers("my-requests"));

        student.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var (_, english) = await student.GetPageAsync("/requests?mine=not-a-cursor");
        Assert.Equal("The place in the list this link gives is not valid; start again from the newest.", english.Text("#my-requests [role=alert]"));
        // The API refuses the same cursor the same way: 422, not the newest page.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await student.GetAsync("/api/v1/service-requests?scope=mine&cursor=not-a-cursor", Ct)).StatusCode);
    }
}
