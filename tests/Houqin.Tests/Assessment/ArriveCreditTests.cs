using System.Text.Json;
using Houqin.Tests.DeskPages;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Assessment;

/// <summary>
/// The "be on site by" commitment after a hand-off (ADR 0026): kept, it is on the card of whoever came first; missed,
/// on the card of whoever handled the request when it fell due. Never on the receiver's who took it over afterwards.
/// </summary>
public sealed class ArriveCreditTests
{
    private const string December = "2026-12";

    /// <summary>Tuesday 12-01 09:00: a student's broken door lock, which repair1 (on the repair post) takes on.</summary>
    private static async Task<(TestApp, WebApplicationFactory<Program>, HttpClient Repair1, HttpClient Repair2, JsonElement)> DoorLockAsync()
    {
        var (app, web) = await StartAsync(Beijing(12, 1, 9, 0));
        var r = await web.As("student").ReportAsync(category: "door-lock").CreatedAsync();
        Assert.Equal("repair1", r.Str("handler", "userName"));
        var (repair1, repair2) = (web.As("repair1"), web.As("repair2"));
        await repair1.OkAsync(r, "acknowledge");
        return (app, web, repair1, repair2, r);
    }

    /// <summary>Moves the clock to <paramref name="minutes"/> past the request's "be on site by" instant (firing what fell due).</summary>
    private static Task PastArriveByAsync(WebApplicationFactory<Program> web, JsonElement r, int minutes) =>
        web.AdvanceAsync(System.Xml.XmlConvert.ToString(r.Instant("arriveBy") - web.Now() + TimeSpan.FromMinutes(minutes)));

    /// <summary>repair1 hands the request over to repair2, who accepts, comes and completes it.</summary>
    private static async Task<JsonElement> Repair2FinishesAsync(WebApplicationFactory<Program> web, HttpClient repair1, HttpClient repair2, JsonElement r, string reason)
    {
        Assert.Equal("HandedOff", (await repair1.OkAsync(r, "handoff", new { toUserName = "repair2", reason })).Str("status"));
        await repair2.OkAsync(r, "accept-handoff");
        await web.AdvanceAsync("PT30M");
        await repair2.OkAsync(r, "arrive");
        var done = await repair2.OkAsync(r, "complete", new { method = "更换锁体", result = "门能锁上了" });
        Assert.Equal("repair2", done.Str("handler", "userName"));
        return done;
    }

    /// <summary>
    /// Into January (every December commitment fallen due): the request's on-site commitment is on
    /// <paramref name="answering"/>'s December card, kept or not, and not on repair2's; the month's cards, counted
    /// for everyone at once, say the same.
    /// </summary>
    private static async Task OnSiteIsOnTheCardOfAsync(WebApplicationFactory<Program> web, JsonElement r, string answering, bool kept)
    {
        await web.AdvanceAsync("P35D");
        var director = web.As("director");
        const string Arrive = "commitments.arrive.keptRate";
        var card = await director.SeeCardAsync(answering, December);
        Assert.Equal([Guid.Parse(r.Id())], card.RequestIds(Arrive));
        Assert.Equal(kept ? 1m : 0m, card.Value(Arrive));
        var receiver = await director.SeeCardAsync("repair2", December);
        Assert.Empty(receiver.RequestIds(Arrive));
        Assert.Equal(0, receiver.Count(Arrive));

        var people = (await director.MonthAsync(December)).GetProperty("people").EnumerateArray().ToList();
        JsonElement Of(string userName) => people.Single(p => p.Str("userName") == userName);
        Assert.Equal((1, kept ? 1m : 0m), (Of(answering).Count(Arrive), Of(answering).Value(Arrive)!.Value));
        Assert.Equal(0, Of("repair2").Count(Arrive));
    }

    [Fact]
    public async Task On_site_in_time_then_handed_over_from_site_the_kept_commitment_is_on_the_first_handlers_card_not_the_receivers()
    {
        var (app, web, repair1, repair2, r) = await DoorLockAsync();
        await using var running = app;

        // repair1 is there at once; the lock body has to be welded, which repair2 does.
        await web.AdvanceAsync("PT20M");
        await repair1.OkAsync(r, "arrive");
        var done = await Repair2FinishesAsync(web, repair1, repair2, r, "锁体要焊接，repair2 会电焊");
        Assert.Equal("repair1", done.Str("arrivedBy", "userName"));
        Assert.Equal(Beijing(12, 1, 9, 20), done.GetProperty("arrivedAt").GetDateTimeOffset());

        // The request's page says who came first and when, beside the commitment.
        var (_, page) = await web.As("student").GetPageAsync($"/requests/{r.Id()}");
        Assert.EndsWith(" · " + done.Str("arrivedBy", "displayName"), page.QuerySelector("#first-arrival")!.TextContent.Trim(), StringComparison.Ordinal);

        await OnSiteIsOnTheCardOfAsync(web, r, "repair1", kept: true);
    }

    [Fact]
    public async Task On_site_late_by_the_first_handler_then_handed_over_the_miss_is_not_blamed_on_the_receiver()
    {
        var (app, web, repair1, repair2, r) = await DoorLockAsync();
        await using var running = app;

        // repair1 comes an hour after "be on site by", then hands over what he cannot finish.
        await PastArriveByAsync(web, r, 60);
        await repair1.OkAsync(r, "arrive");
        var done = await Repair2FinishesAsync(web, repair1, repair2, r, "需要更换整套锁，repair2 有备件");
        Assert.Equal("repair1", done.Str("arrivedBy", "userName"));

        await OnSiteIsOnTheCardOfAsync(web, r, "repair1", kept: false);
    }

    [Fact]
    public async Task Nobody_on_site_in_time_the_miss_stays_with_the_handler_of_that_moment_though_the_receiver_came_after_the_hand_off()
    {
        var (app, web, repair1, repair2, r) = await DoorLockAsync();
        await using var running = app;

        // repair1 lets "be on site by" pass, then hands it over; repair2 comes half an hour after accepting.
        await PastArriveByAsync(web, r, 30);
        Assert.True((await web.As("student").GetRequestAsync(r)).GetProperty("overdue").GetBoolean());
        var done = await Repair2FinishesAsync(web, repair1, repair2, r, "我今天去不了，请 repair2 去");
        Assert.Equal("repair2", done.Str("arrivedBy", "userName"));

        await OnSiteIsOnTheCardOfAsync(web, r, "repair1", kept: false);
    }
}
