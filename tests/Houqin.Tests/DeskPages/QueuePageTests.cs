using System.Globalization;
using AngleSharp.Dom;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Pages;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>The staff queue (/desk): each section's requests newest first, page by page, and a count that agrees with them.</summary>
public class QueuePageTests
{
    [Fact]
    public async Task An_escalation_puts_the_request_in_the_co_owners_queue_newest_first_and_counted_once()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, leader) = (web.As("student"), web.As("water2"), web.As("leader-water"));
        var (_, before) = await leader.GetPageAsync("/desk");
        var (_, ownerBefore) = await water2.GetPageAsync("/desk");

        var older = await student.ReportAsync().CreatedAsync();
        var newer = await student.ReportAsync().CreatedAsync();
        await water2.OkAsync(older, "escalate", new { reason = "联系不上水电工" });
        await water2.OkAsync(newer, "escalate", new { reason = "联系不上水电工" });
        await water2.OkAsync(newer, "escalate", new { reason = "组长也联系不上" });

        var (_, after) = await leader.GetPageAsync("/desk");
        Assert.Equal(Count(before, "owned") + 2, Count(after, "owned"));
        Assert.Equal([newer.Str("number"), older.Str("number")], after.Numbers("owned").Take(2));
        Assert.Equal(Count(after, "owned").ToString(), after.Text("#queue-counts a[href='#owned'] strong"));
        // The first-contact owner keeps them in their own queue, once each, though they are escalated.
        var (_, owner) = await water2.GetPageAsync("/desk");
        Assert.Equal(Count(ownerBefore, "owned") + 2, Count(owner, "owned"));
        Assert.Single(owner.Numbers("owned"), n => n == newer.Str("number"));
    }

    [Fact]
    public async Task A_backlog_past_999_reads_999_plus_and_still_lists_the_newest_fifty()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var water2 = web.As("water2");
        var first = await web.As("student").ReportAsync().CreatedAsync();
        // A backlog of a thousand more, owned by the same person, written straight to the database: the page must
        // not read them all to say how many there are.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var model = await db.Set<ServiceRequest>().SingleAsync(r => r.Id == Guid.Parse(first.Id()), TestContext.Current.CancellationToken);
            var category = await db.Set<ServiceCategory>().SingleAsync(c => c.Id == model.CategoryId, TestContext.Current.CancellationToken);
            var due = new CommitmentDeadlines(model.AcknowledgeBy, model.ArriveBy, model.ResolveBy, false);
            for (var i = 0; i < 1000; i++)
            {
                db.Add(ServiceRequest.Submit(new RequestNumber(2026, 500_000 + i), model.RequesterId!.Value, model.RoomId, category, model.TeamId, "积压", Urgency.Normal, model.FirstContactOwnerId, due, model.CreatedAt));
            }
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var (_, page) = await water2.GetPageAsync("/desk");
        Assert.Equal("(999+)", page.Text("#owned h2 .count"));
        Assert.Equal("999+", page.Text("#queue-counts a[href='#owned'] strong"));
        var shown = page.Numbers("owned");
        Assert.Equal(QueueModel.Shown, shown.Count);
        Assert.Equal("HQ-2026-500999", shown[0]);
        // The person handles what they own here; a section under the bound still says exactly how many.
        Assert.Equal("(999+)", page.Text("#handling h2 .count"));
        Assert.Equal("(0)", page.Text("#handoffs h2 .count"));
    }

    [Fact]
    public async Task Each_section_and_the_search_go_on_to_older_requests_to_the_end_each_once_newest_first_keeping_the_search()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        // Three pages of requests, all owned and handled by water2 (the water post's first contact) and all a leak.
        var made = await web.As("student").ReportManyAsync((QueueModel.Shown * 2) + 5);
        var water2 = web.As("water2");
        var search = "/desk?q=" + Uri.EscapeDataString("漏水");

        foreach (var section in new[] { "owned", "handling" })
        {
            var pages = await water2.FollowOlderAsync(search, section);
            var numbers = pages.SelectMany(p => p.Page.Numbers(section)).ToList();
            AssertNewestFirstOnce(made, numbers);
            Assert.Equal(Count(pages[0].Page, section), numbers.Count);
            Assert.True(pages.Count >= 3);
            Assert.All(pages.SkipLast(1), p => Assert.Equal(QueueModel.Shown, p.Page.Numbers(section).Count));
            foreach (var (path, page) in pages)
            {
                // The search stays, with its results, and the section keeps its count, whatever page it is on.
                Assert.Contains("q=%E6%BC%8F%E6%B0%B4", path, StringComparison.Ordinal);
                Assert.Equal(RequestSearchBox.Shown, page.Numbers("search-results").Count);
                Assert.Equal(Count(pages[0].Page, section), Count(page, section));
            }
            // Back to the newest from any later page; none on the first.
            Assert.Null(pages[0].Page.QuerySelector($"#{section} a[rel=first]"));
            Assert.All(pages.Skip(1), p => Assert.Equal($"/desk?q=%E6%BC%8F%E6%B0%B4#{section}", p.Page.QuerySelector($"#{section} a[rel=first]")?.GetAttribute("href")));
        }
        // Each section keeps its own place: the other's links carry it.
        var second = (await water2.FollowOlderAsync(search, "owned"))[1];
        Assert.Contains("owned=", second.Page.QuerySelector("#handling a[rel=next]")!.GetAttribute("href")!, StringComparison.Ordinal);

        var found = await water2.FollowOlderAsync(search, "search-results");
        Assert.True(found.Count >= 3);
        AssertNewestFirstOnce(made, [.. found.SelectMany(p => p.Page.Numbers("search-results"))]);
    }

    /// <summary>Every request made is listed once, and the whole list is newest first with no request twice.</summary>
    internal static void AssertNewestFirstOnce(List<string> made, List<string> listed)
    {
        Assert.Equal(listed.OrderDescending(StringComparer.Ordinal), listed);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(made.OrderDescending(StringComparer.Ordinal), listed.Where(made.Contains));
    }

    private static int Count(IDocument page, string section) => int.Parse(page.Text($"#{section} h2 .count").Trim('(', ')'), CultureInfo.InvariantCulture);
}
