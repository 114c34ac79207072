using System.Globalization;
using AngleSharp.Dom;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>The staff queue (/desk): each section's requests newest first and a count that agrees with them.</summary>
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
        Assert.Equal([newer.Str("number"), older.Str("number")], Numbers(after, "owned").Take(2));
        Assert.Equal(Count(after, "owned").ToString(), after.Text("#queue-counts a[href='#owned'] strong"));
        // The first-contact owner keeps them in their own queue, once each, though they are escalated.
        var (_, owner) = await water2.GetPageAsync("/desk");
        Assert.Equal(Count(ownerBefore, "owned") + 2, Count(owner, "owned"));
        Assert.Single(Numbers(owner, "owned"), n => n == newer.Str("number"));
    }

    private static int Count(IDocument page, string section) => int.Parse(page.Text($"#{section} h2 .count").Trim('(', ')'), CultureInfo.InvariantCulture);

    private static List<string> Numbers(IDocument page, string section) =>
        page.QuerySelectorAll($"#{section} li[data-number]").Select(li => li.GetAttribute("data-number")!).ToList();
}
