using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Features.ServiceDesk.Search;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

public class SearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Chinese_is_cut_into_characters_and_neighbouring_pairs_and_other_text_into_words()
    {
        Assert.Equal(["宿", "舍", "宿舍", "停", "舍停", "电", "停电", "hq", "2026", "000123"], SearchTerms.Cut("宿舍停电 HQ-2026-000123"));
        Assert.Equal(["e", "01", "101"], SearchTerms.Cut("Ｅ-01-101"));
        Assert.Empty(SearchTerms.Cut(" -/ "));
    }

    [Fact]
    public async Task Staff_find_requests_by_a_two_character_word_a_phrase_the_number_the_place_and_the_people()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var leak = await student.ReportAsync(extra: new { description = "卫生间水管漏水，地上全是水" }).CreatedAsync();
        var outage = await student.ReportAsync("power-outage", "E-02-305", extra: new { description = "整层宿舍停电了" }).CreatedAsync();
        var tap = await student.ReportAsync("water-pipe", "E-10-201", extra: new { description = "水龙头关不紧，管道有异响" }).CreatedAsync();
        var leader = web.As("leader-water");

        Assert.Equal([outage.Id()], await FindAsync(leader, "停电"));
        Assert.Equal([leak.Id()], await FindAsync(leader, "卫生间"));
        Assert.Equal([tap.Id(), leak.Id()], await FindAsync(leader, "水管"));
        Assert.Equal([tap.Id()], await FindAsync(leader, "关不紧"));
        Assert.Equal([leak.Id()], await FindAsync(leader, leak.Str("number")));
        Assert.Equal([outage.Id()], await FindAsync(leader, "E-02-305"));
        Assert.Equal([tap.Id()], await FindAsync(leader, "第一教学楼"));
        Assert.Equal(3, (await FindAsync(leader, "李同学")).Count);
        Assert.Equal(3, (await FindAsync(leader, "刘海")).Count);
        Assert.Empty(await FindAsync(leader, "电梯"));
        Assert.Equal([outage.Id()], await FindAsync(leader, "宿舍 停电"));
    }

    [Fact]
    public async Task A_search_stays_inside_what_the_caller_may_see()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        await web.As("student").ReportAsync(extra: new { description = "宿舍停电" }).CreatedAsync();
        var teacher = web.As("teacher");
        var own = await teacher.ReportAsync("power-outage", extra: new { description = "办公室停电" }).CreatedAsync();

        Assert.Equal([own.Id()], await FindAsync(teacher, "停电", "mine"));
        var all = await teacher.GetAsync("/api/v1/service-requests?scope=all&q=" + Uri.EscapeDataString("停电"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, all.StatusCode);
        Assert.Equal(2, (await FindAsync(web.As("director"), "停电")).Count);
        var tooLong = await teacher.GetAsync("/api/v1/service-requests?q=" + new string('水', 101), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
    }

    [Fact]
    public async Task The_list_pages_search_too_staff_what_they_may_see_and_a_requester_their_own()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, teacher) = (web.As("student"), web.As("teacher"));
        var dorm = await student.ReportAsync("power-outage", "E-02-305", extra: new { description = "整层宿舍停电了" }).CreatedAsync();
        var office = await teacher.ReportAsync("power-outage", extra: new { description = "办公室停电" }).CreatedAsync();
        var leak = await student.ReportAsync(extra: new { description = "卫生间水管漏水" }).CreatedAsync();
        static async Task<string> PageAsync(HttpClient client, string path) => await client.GetStringAsync(path, Ct);
        static string Q(string q) => "?q=" + Uri.EscapeDataString(q);

        // Leaders see every request: the water and electricity team's leader finds the leak by a word or by its number,
        // and the outages. A member of the repair team finds none of the other team's requests.
        var water = await PageAsync(web.As("leader-water"), "/desk" + Q("水管"));
        Assert.Contains("“水管”的搜索结果", water);
        Assert.Contains($"data-number=\"{leak.Str("number")}\"", water);
        Assert.Contains($"data-number=\"{leak.Str("number")}\"", await PageAsync(web.As("leader-water"), "/desk" + Q(leak.Str("number"))));
        Assert.Contains($"data-number=\"{dorm.Str("number")}\"", await PageAsync(web.As("leader-water"), "/desk" + Q("停电")));
        Assert.DoesNotContain($"data-number=\"{dorm.Str("number")}\"", await PageAsync(web.As("repair1"), "/desk" + Q("停电")));
        // The director sees everything; a requester searches their own requests only.
        var director = await PageAsync(web.As("director"), "/desk" + Q("停电"));
        Assert.Contains($"data-number=\"{dorm.Str("number")}\"", director);
        Assert.Contains($"data-number=\"{office.Str("number")}\"", director);
        var mine = await PageAsync(teacher, "/requests" + Q("停电"));
        var results = mine[mine.IndexOf("id=\"search-results\"", StringComparison.Ordinal)..mine.IndexOf("id=\"my-requests\"", StringComparison.Ordinal)];
        Assert.Contains($"data-number=\"{office.Str("number")}\"", results);
        Assert.DoesNotContain($"data-number=\"{dorm.Str("number")}\"", results);

        var tooLong = await teacher.GetAsync("/requests" + Q(new string('水', 101)), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("搜索词最多 100 个字。", await tooLong.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<List<string>> FindAsync(HttpClient client, string q, string scope = "all")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests?scope={scope}&q={Uri.EscapeDataString(q)}", Ct);
        return page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
    }
}
