using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Pages;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>
/// The follow-ups a staff member owes (ADR 0025): on /desk and under <c>scope=followups</c>, each referral of theirs
/// whose follow-up is not yet recorded, the due first, until someone records it.
/// </summary>
public class QueueFollowUpsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referral_waits_in_its_owners_follow_ups_and_a_co_owners_once_the_ladder_adds_them_until_the_follow_up_is_recorded()
    {
        // Friday 12-04 15:00: the follow-up is due by the end of Tuesday (two working days).
        var (app, web) = await StartAsync(Beijing(12, 4, 15, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var number = r.Str("number");
        var owner = web.As(r.Str("firstContactOwner", "userName"));
        var (other, leader) = (web.As(r.Str("firstContactOwner", "userName") == "water1" ? "water2" : "water1"), web.As("leader-water"));
        await owner.OkAsync(r, "refer", new { referredTo = "信息化办公室（校园网报修 8888）", reason = "宿舍网络故障不属后勤" });

        var (_, page) = await owner.GetPageAsync("/desk");
        Assert.Equal([number], page.Numbers("followups"));
        Assert.Equal("(1)", page.Text("#followups h2 .count"));
        Assert.Equal("1", page.Text("#queue-counts a[href='#followups'] strong"));
        Assert.Equal("待我回访确认的转介", page.Text("#followups h2").Split(' ')[0]);
        var row = Row(page, number);
        Assert.Contains("已转介至：信息化办公室（校园网报修 8888）", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("回访确认不晚于 2026年12月9日 00:00", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector(".tag.off"));
        // Closed as a referral, it is no longer among the open requests the owner owns.
        Assert.DoesNotContain(number, page.Numbers("owned"));
        Assert.Equal([number], await ApiNumbersAsync(owner));

        // Nobody else owes it: not a colleague of the same team, not the leader before the ladder brings them in.
        foreach (var someone in new[] { other, leader })
        {
            var (_, theirs) = await someone.GetPageAsync("/desk");
            Assert.Empty(theirs.Numbers("followups"));
            Assert.Equal("(0)", theirs.Text("#followups h2 .count"));
            Assert.Empty(await ApiNumbersAsync(someone));
        }

        // Midnight after Tuesday: overdue for the owner, and the ladder makes the team leader a co-owner, who owes it too.
        await web.AdvanceAsync("P4DT9H");
        var (_, late) = await owner.GetPageAsync("/desk");
        Assert.Equal("已超时", Row(late, number).QuerySelector(".tag.off")?.TextContent);
        var (_, leaders) = await leader.GetPageAsync("/desk");
        Assert.Equal([number], leaders.Numbers("followups"));
        Assert.Equal("(1)", leaders.Text("#followups h2 .count"));
        Assert.Equal([number], await ApiNumbersAsync(leader));
        Assert.Empty((await other.GetPageAsync("/desk")).Page.Numbers("followups"));

        // The owner calls the requester back and records it: gone from both queues.
        await owner.OkAsync(r, "referral/helped");
        foreach (var someone in new[] { owner, leader })
        {
            var (_, after) = await someone.GetPageAsync("/desk");
            Assert.Empty(after.Numbers("followups"));
            Assert.Equal("(0)", after.Text("#followups h2 .count"));
            Assert.Empty(await ApiNumbersAsync(someone));
        }
    }

    [Fact]
    public async Task The_follow_ups_go_on_page_by_page_the_due_first_each_once_on_the_page_and_in_the_api_and_a_bad_place_is_422()
    {
        var now = Beijing(12, 4, 15, 0);
        var (app, web) = await StartAsync(now);
        await using var running = app;
        var first = await web.As("student").ReportAsync().CreatedAsync();
        var ownerName = first.Str("firstContactOwner", "userName");
        var owner = web.As(ownerName);
        // Two and a half pages of referrals written straight to the database, their follow-ups due in an order that is
        // not their numbers' (eleven due at each of thirteen instants, some already past), so that a page ends among
        // several due together.
        var count = (QueueModel.Shown * 2) + 25;
        var due = new Dictionary<string, DateTime>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var model = await db.Set<ServiceRequest>().SingleAsync(r => r.Id == Guid.Parse(first.Id()), Ct);
            var category = await db.Set<ServiceCategory>().SingleAsync(c => c.Id == model.CategoryId, Ct);
            var commitments = new CommitmentDeadlines(model.AcknowledgeBy, model.ArriveBy, model.ResolveBy, false);
            for (var i = 0; i < count; i++)
            {
                var request = ServiceRequest.Submit(new RequestNumber(2026, 500_000 + i), model.RequesterId!.Value, model.RoomId, category, model.TeamId, "转介", Urgency.Normal, model.FirstContactOwnerId, commitments, model.CreatedAt);
                var by = now.UtcDateTime.AddHours((i * 7 % 13) - 3);
                request.Refer(model.FirstContactOwnerId, "信息化办公室", "不属后勤", now.UtcDateTime, by);
                db.Add(request);
                due[request.Number] = by;
            }
            await db.SaveChangesAsync(Ct);
        }
        var expected = due.OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key).ToList();

        var pages = await owner.FollowOlderAsync("/desk?q=" + Uri.EscapeDataString("漏水"), "followups");
        Assert.Equal(3, pages.Count);
        Assert.Equal(expected, pages.SelectMany(p => p.Page.Numbers("followups")));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(QueueModel.Shown, p.Page.Numbers("followups").Count));
        foreach (var (path, page) in pages)
        {
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), page.Text("#queue-counts a[href='#followups'] strong"));
            // The search stays, and the other sections keep their top.
            Assert.Contains("q=%E6%BC%8F%E6%B0%B4", path, StringComparison.Ordinal);
            Assert.Contains(first.Str("number"), page.Numbers("search-results"));
            Assert.Contains(first.Str("number"), page.Numbers("owned"));
            // Marked overdue exactly when the follow-up's time has passed.
            Assert.All(page.Numbers("followups"), n => Assert.Equal(due[n] <= now.UtcDateTime, Row(page, n).QuerySelector(".tag.off") is not null));
        }
        Assert.Equal("更晚到期的", pages[0].Page.Text("#followups a[rel=next]"));
        Assert.Null(pages[0].Page.QuerySelector("#followups a[rel=first]"));
        Assert.All(pages.Skip(1), p => Assert.Equal("/desk?q=%E6%BC%8F%E6%B0%B4#followups", p.Page.QuerySelector("#followups a[rel=first]")?.GetAttribute("href")));
        Assert.Equal("最先到期的", pages[1].Page.Text("#followups a[rel=first]"));

        // The API pages the same list in the same order with the same cursor.
        Assert.Equal(expected, await ApiPagesAsync(owner, 40));

        // A place no page wrote: 422 with why, in the reader's language, and the other sections as usual; the API's 422.
        var (bad, badPage) = await owner.GetPageAsync("/desk?followups=bm90LWEtcGxhY2U");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("这个链接里的翻页位置无效，请从最先到期的开始看。", badPage.Text("#followups .error"));
        Assert.Equal("/desk#followups", badPage.QuerySelector("#followups a[rel=first]")?.GetAttribute("href"));
        Assert.Contains(first.Str("number"), badPage.Numbers("owned"));
        // Not a place, and a newest-first list's cursor (base64url of "2026:1"), which is no place in this one.
        foreach (var wrong in new[] { "bm90LWEtcGxhY2U", "MjAyNjox" })
        {
            var response = await owner.GetAsync("/api/v1/service-requests?scope=followups&cursor=" + wrong, Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }
    }

    [Fact]
    public async Task Follow_ups_owed_as_owner_and_as_co_owner_due_together_page_by_number_each_once_across_every_page_boundary()
    {
        var now = Beijing(12, 4, 15, 0);
        var (app, web) = await StartAsync(now);
        await using var running = app;
        var first = await web.As("student").ReportAsync().CreatedAsync();
        var leader = web.As("leader-water");
        // Two and a bit pages of referrals the water team's leader owes, written straight to the database through the
        // request's own steps: by turns one they received as first contact, one a colleague owns whose follow-up
        // climbed to them (a co-owner), and one of their own whose follow-up climbed past their own rung to the deputy
        // director (ADR 0031: they are not told again). Due at three instants out of the numbers' order, so that both page ends fall among rows due
        // at the same instant, the two ranges interleaved by number: the merge and the cursor must go by the number.
        var count = (QueueModel.Shown * 2) + 20;
        int[] hours = [2, -1, 1];
        var due = new Dictionary<string, DateTime>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var model = await db.Set<ServiceRequest>().SingleAsync(r => r.Id == Guid.Parse(first.Id()), Ct);
            var category = await db.Set<ServiceCategory>().SingleAsync(c => c.Id == model.CategoryId, Ct);
            var people = await db.Users.Where(u => u.UserName == "leader-water" || u.UserName == "deputy" || u.UserName == "director").ToDictionaryAsync(u => u.UserName!, u => u.Id, Ct);
            var chain = new OfficeChain(people["leader-water"], people["deputy"], people["director"]);
            Assert.NotEqual(chain.TeamLeaderId, model.FirstContactOwnerId);
            var commitments = new CommitmentDeadlines(model.AcknowledgeBy, model.ArriveBy, model.ResolveBy, false);
            for (var i = 0; i < count; i++)
            {
                var role = i / 3 % 3;
                var owner = role == 1 ? model.FirstContactOwnerId : people["leader-water"];
                var request = ServiceRequest.Submit(new RequestNumber(2026, 500_000 + i), model.RequesterId!.Value, model.RoomId, category, model.TeamId, "转介", Urgency.Normal, owner, commitments, model.CreatedAt);
                var by = now.UtcDateTime.AddHours(hours[i % 3]);
                request.Refer(owner, "信息化办公室", "不属后勤", now.UtcDateTime, by);
                if (role > 0)
                {
                    var rung = role == 1 ? people["leader-water"] : people["deputy"];
                    Assert.Equal(rung, request.Climb(chain, LadderCause.ReferralFollowUp));
                    Assert.Equal([rung], request.CoOwners);
                }
                db.Add(request);
                due[request.Number] = by;
            }
            await db.SaveChangesAsync(Ct);
        }
        var expected = due.OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key).ToList();

        var pages = await leader.FollowOlderAsync("/desk", "followups");
        Assert.Equal(3, pages.Count);
        Assert.Equal(expected, pages.SelectMany(p => p.Page.Numbers("followups")));
        Assert.All(pages, p => Assert.Equal($"({count})", p.Page.Text("#followups h2 .count")));

        // The API, a page of any size: every row once, in the same order, whichever rows a page ends between.
        foreach (var limit in new[] { 1, 2, 3, 7, 50, 100 })
        {
            Assert.Equal(expected, await ApiPagesAsync(leader, limit));
        }
    }

    [Fact]
    public async Task A_leader_who_owns_a_referral_its_follow_up_climbs_past_owes_it_once_among_those_they_co_own()
    {
        // Friday 12-04 15:00: by turns, a student's report a colleague on duty receives, and a call the water team's
        // leader logs and so owns; each referred at once, so every follow-up is due at the same instant.
        var (app, web) = await StartAsync(Beijing(12, 4, 15, 0));
        await using var running = app;
        var (student, leader) = (web.As("student"), web.As("leader-water"));
        var (theirs, own) = (new List<JsonElement>(), new List<JsonElement>());
        for (var i = 0; i < 4; i++)
        {
            var reported = await student.ReportAsync().CreatedAsync();
            Assert.NotEqual("leader-water", reported.Str("firstContactOwner", "userName"));
            theirs.Add(await web.As(reported.Str("firstContactOwner", "userName")).OkAsync(reported, "refer", new { referredTo = "信息化办公室", reason = "不属后勤" }));
            var logged = await leader.LogCallAsync("power-outage");
            Assert.Equal("leader-water", logged.Str("firstContactOwner", "userName"));
            own.Add(await leader.OkAsync(logged, "refer", new { referredTo = "信息化办公室", reason = "不属后勤" }));
        }
        static List<string> Numbers(IEnumerable<JsonElement> requests) => [.. requests.Select(r => r.Str("number")).Order(StringComparer.Ordinal)];
        Assert.Single(theirs.Concat(own).Select(r => r.GetProperty("referral").GetProperty("followUpBy").GetDateTimeOffset()).Distinct());
        Assert.Equal(Numbers(own), await ApiNumbersAsync(leader));

        // Midnight after Tuesday: every follow-up is overdue and climbs. On the others' referrals the leader is the rung
        // and is added as co-owner. On their own the ladder passes them, already on it, to the deputy director (ADR
        // 0031). Each is in the leader's list once.
        await web.AdvanceAsync("P4DT9H");
        foreach (var r in own)
        {
            var now = await leader.GetRequestAsync(r);
            Assert.Equal((2, "leader-water"), (now.Level(), now.Str("firstContactOwner", "userName")));
            Assert.Equal(["deputy"], now.CoOwners());
        }
        foreach (var r in theirs)
        {
            Assert.Equal(["leader-water"], (await leader.GetRequestAsync(r)).CoOwners());
        }
        var all = Numbers(theirs.Concat(own));
        var (_, page) = await leader.GetPageAsync("/desk");
        Assert.Equal(all, page.Numbers("followups"));
        Assert.Equal("(8)", page.Text("#followups h2 .count"));
        foreach (var limit in new[] { 1, 2, 3, 5 })
        {
            Assert.Equal(all, await ApiPagesAsync(leader, limit));
        }

        // The leader records one of their own: it leaves their list, once.
        await leader.OkAsync(own[0], "referral/helped");
        Assert.Equal(all.Where(n => n != own[0].Str("number")), await ApiNumbersAsync(leader));
    }

    [Fact]
    public async Task A_leader_who_handles_a_referral_someone_else_owns_is_added_as_co_owner_when_its_follow_up_climbs_to_them_and_owes_it()
    {
        // Friday 12-04 15:00: the owner hands the work to their team's leader, who takes it on; then it turns out to be
        // outside the office's remit and the owner refers it. The handler owes no follow-up (ADR 0025).
        var (app, web) = await StartAsync(Beijing(12, 4, 15, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        var number = r.Str("number");
        var (owner, leader) = (web.As(r.Str("firstContactOwner", "userName")), web.As("leader-water"));
        await owner.OkAsync(r, "handoff", new { toUserName = "leader-water", reason = "需要组长协调" });
        await leader.OkAsync(r, "accept-handoff");
        await owner.OkAsync(r, "refer", new { referredTo = "信息化办公室（校园网报修 8888）", reason = "宿舍网络故障不属后勤" });
        Assert.Empty(await ApiNumbersAsync(leader));

        // Midnight after Tuesday: the follow-up climbs to the leader. Handling the work gave them no part in the
        // follow-up, so they join as co-owner, and owe it: in their list, on their board, theirs to record.
        await web.AdvanceAsync("P4DT9H");
        var due = await leader.GetRequestAsync(r);
        Assert.Equal((1, "leader-water"), (due.Level(), due.Str("handler", "userName")));
        Assert.Equal(["leader-water"], due.CoOwners());
        Assert.Equal([number], (await leader.GetPageAsync("/desk")).Page.Numbers("followups"));
        Assert.Equal([number], await ApiNumbersAsync(leader));
        Assert.NotNull((await leader.GetPageAsync("/board")).Page.QuerySelector($"#escalated li[data-number='{number}']"));
        await leader.OkAsync(r, "referral/helped");
        Assert.Empty(await ApiNumbersAsync(leader));
    }

    private static IElement Row(IDocument page, string number) =>
        page.QuerySelector($"#followups li[data-number='{number}']") ?? throw new InvalidOperationException($"{number} is not among the follow-ups");

    private static async Task<List<string>> ApiNumbersAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=followups", Ct)).GetProperty("items").EnumerateArray().Select(i => i.Str("number")).ToList();

    /// <summary>The follow-ups as the API pages them, <paramref name="limit"/> a page, from the first page to the last.</summary>
    private static async Task<List<string>> ApiPagesAsync(HttpClient client, int limit)
    {
        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var api = await client.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests?scope=followups&limit={limit}" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            var items = api.GetProperty("items").EnumerateArray().Select(i => i.Str("number")).ToList();
            // A page with more to come is full; none is empty.
            cursor = api.GetProperty("nextCursor").GetString();
            Assert.InRange(items.Count, cursor is null ? 1 : limit, limit);
            listed.AddRange(items);
            Assert.True(listed.Count <= 1000, "the pages never end");
        } while (cursor is not null);
        return listed;
    }
}
