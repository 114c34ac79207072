using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Houqin.Features.Assessment;
using Houqin.Infrastructure.Files;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Assessment;

/// <summary>The daily must-do checklists (每日必做): opened by the deadlines engine for the holder, ticked, missed.</summary>
public sealed class ChecklistTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_checklist_opens_on_a_working_day_for_whoever_is_on_duty_when_each_task_starts()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        await web.AdvanceAsync("PT0S"); // Monday 09:00: the midnight opening has fallen due

        var repair = await web.As("repair1").ChecklistAsync("repair-duty");
        Assert.Equal("2026-11-30", repair.GetProperty("date").GetString());
        Assert.Equal("repair1", repair.GetProperty("userName").GetString());
        Assert.Equal(["检查维修工具与备件", "填写当日维修台账"], repair.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.All(repair.GetProperty("items").EnumerateArray(), i => Assert.Equal("Open", i.Status()));

        // Water and power: the day shift (water2 on Monday) gets the morning tasks, the night shift (water1) the night round.
        var day = await web.As("water2").ChecklistAsync("water-duty");
        Assert.Equal(["巡查锅炉房", "记录总水表读数"], day.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        var night = await web.As("water1").ChecklistAsync("water-duty");
        Assert.Equal("夜间巡查配电房", Assert.Single(night.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());

        // Someone holding no post with tasks has nothing to do; opening again (another sweep) adds nothing.
        Assert.Empty((await web.As("repair2").TodayAsync()).EnumerateArray());
        await web.AdvanceAsync("PT1M");
        Assert.Equal(2, (await web.As("repair1").ChecklistAsync("repair-duty")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task On_a_day_off_only_the_round_the_clock_post_gets_a_checklist()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        var put = await web.As("admin").PutAsJsonAsync("/api/v1/calendar/days/2026-12-01", new { kind = "DayOff", name = "校庆日" }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));

        await web.AdvanceAsync("PT24H"); // Tuesday 09:00, a day off

        Assert.Empty((await web.As("repair1").TodayAsync()).EnumerateArray());
        Assert.Empty((await web.As("frontdesk").TodayAsync()).EnumerateArray());
        var water = await web.As("water1").ChecklistAsync("water-duty"); // Tuesday's day shift
        Assert.Equal("2026-12-01", water.GetProperty("date").GetString());
        Assert.Equal(2, water.GetProperty("items").GetArrayLength());

        // Wednesday is a working day again: the repair post's checklist comes back.
        await web.AdvanceAsync("PT24H");
        Assert.Equal("2026-12-02", (await web.As("repair1").ChecklistAsync("repair-duty")).GetProperty("date").GetString());
    }

    [Fact]
    public async Task An_item_not_ticked_by_the_end_of_its_window_is_missed_and_can_no_longer_be_ticked()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        await web.AdvanceAsync("PT0S");
        var repair1 = web.As("repair1");

        await web.AdvanceAsync("PT1H"); // 10:00: the tools check (08:30–10:00) has closed
        var list = await repair1.ChecklistAsync("repair-duty");
        Assert.Equal("Missed", list.Item("检查维修工具与备件").Status());
        Assert.Equal("Open", list.Item("填写当日维修台账").Status());

        var late = await repair1.TickAsync(list, list.Item("检查维修工具与备件"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("window_closed", await late.CodeAsync());
        var early = await repair1.TickAsync(list, list.Item("填写当日维修台账"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("window_not_open", await early.CodeAsync());

        // The ledger (16:30–17:30) ticked in time stays done after its window.
        await web.AdvanceAsync("PT7H");
        Assert.Equal(HttpStatusCode.OK, (await repair1.TickAsync(list, list.Item("填写当日维修台账"))).StatusCode);
        await web.AdvanceAsync("PT2H");
        list = await repair1.ChecklistAsync("repair-duty");
        Assert.Equal(["Missed", "Done"], list.GetProperty("items").EnumerateArray().Select(i => i.Status()));
    }

    [Fact]
    public async Task Ticking_takes_the_reading_and_the_photo_the_task_asks_for()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        await web.AdvanceAsync("PT0S");
        var water2 = web.As("water2");
        var list = await water2.ChecklistAsync("water-duty");
        var meter = list.Item("记录总水表读数");
        Assert.Equal("m³", meter.GetProperty("readingUnit").GetString());

        var without = await water2.TickAsync(list, meter);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, without.StatusCode);
        Assert.True((await without.JsonAsync()).GetProperty("errors").TryGetProperty("reading", out _));
        var ticked = await water2.TickAsync(list, meter, new { reading = 1234.5m });
        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        var done = (await ticked.JsonAsync()).Item("记录总水表读数");
        Assert.Equal("Done", done.Status());
        Assert.Equal(1234.5m, done.GetProperty("reading").GetDecimal());
        Assert.Equal("item_already_done", await (await water2.TickAsync(list, meter, new { reading = 1m })).CodeAsync());

        var boiler = list.Item("巡查锅炉房");
        var noPhoto = await water2.TickAsync(list, boiler);
        Assert.Equal(HttpStatusCode.Conflict, noPhoto.StatusCode);
        Assert.Equal("photo_required", await noPhoto.CodeAsync());
        var notImage = await water2.PostAsync($"/api/v1/checklists/{list.Id()}/items/{boiler.Id()}/photo", Photo("<svg onload=alert(1)>"u8.ToArray()), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notImage.StatusCode);
        var upload = await water2.PostAsync($"/api/v1/checklists/{list.Id()}/items/{boiler.Id()}/photo", Photo(Png), Ct);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var first = await PhotoNameAsync(web, Guid.Parse(boiler.Id()));
        var again = await water2.PostAsync($"/api/v1/checklists/{list.Id()}/items/{boiler.Id()}/photo", Photo(Png), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // The replaced photo is reachable from nothing any more, so it is not kept on disk either.
        var files = web.Services.GetRequiredService<IFileStore>();
        Assert.Null(files.OpenRead(first));
        using (var kept = files.OpenRead(await PhotoNameAsync(web, Guid.Parse(boiler.Id()))))
        {
            Assert.NotNull(kept);
        }
        Assert.Equal(HttpStatusCode.OK, (await water2.TickAsync(list, boiler)).StatusCode);
        var bytes = await water2.GetAsync($"/api/v1/checklists/{list.Id()}/items/{boiler.Id()}/photo", Ct);
        Assert.Equal("image/png", bytes.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await bytes.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Someone_elses_checklist_is_not_found_but_their_team_leader_sees_it()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        await web.AdvanceAsync("PT0S");
        var list = await web.As("repair1").ChecklistAsync("repair-duty");
        var item = list.Item("检查维修工具与备件");

        foreach (var other in new[] { "repair2", "water1", "leader-water" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await web.As(other).GetAsync($"/api/v1/checklists/{list.Id()}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await web.As(other).TickAsync(list, item)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await web.As("leader-repair").GetAsync($"/api/v1/checklists/{list.Id()}", Ct)).StatusCode);
        // The leader sees it but does not tick for the holder.
        Assert.Equal(HttpStatusCode.Forbidden, (await web.As("leader-repair").TickAsync(list, item)).StatusCode);
        Assert.Equal("Open", (await web.As("repair1").ChecklistAsync("repair-duty")).Item("检查维修工具与备件").Status());
    }

    [Fact]
    public async Task A_team_leader_adds_a_daily_task_and_it_joins_todays_checklist_but_not_another_teams()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        await web.AdvanceAsync("PT0S");
        var task = new { title = "检查电梯运行", windowStart = "10:00", windowEnd = "11:00", photoRequired = false };

        Assert.Equal(HttpStatusCode.Forbidden, (await web.As("leader-water").PostAsJsonAsync("/api/v1/posts/repair-duty/tasks", task, Ct)).StatusCode);
        var bad = await web.As("leader-repair").PostAsJsonAsync("/api/v1/posts/repair-duty/tasks", new { title = "x", windowStart = "25:00", windowEnd = "11:00" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await web.As("leader-repair").PostAsJsonAsync("/api/v1/posts/repair-duty/tasks", task, Ct)).StatusCode);

        var list = await web.As("repair1").ChecklistAsync("repair-duty");
        Assert.Equal("Open", list.Item("检查电梯运行").Status());
        var duties = await (await web.As("repair2").GetAsync("/api/v1/posts/repair-duty/duties", Ct)).JsonAsync();
        Assert.Contains(duties.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("title").GetString() == "检查电梯运行");
        Assert.Contains("维修", duties.GetProperty("duties").GetString());
    }

    /// <summary>A 1×1 PNG.</summary>
    private static Task<string> PhotoNameAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web, Guid item) =>
        web.RowsAsync(db => db.Set<ChecklistItem>().Where(i => i.Id == item).Select(i => i.PhotoName!).SingleAsync(Ct));

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static MultipartFormDataContent Photo(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "photo.png" } };
    }
}
