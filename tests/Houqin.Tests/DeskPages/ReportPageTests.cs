using System.Net;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

public class ReportPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Leak(string room = "E-01-101") =>
        new()
        {
            ["Category"] = "water-leak",
            ["Room"] = room,
            ["Description"] = "卫生间水管漏水",
            ["Urgency"] = "Normal",
        };

    [Fact]
    public async Task An_incomplete_report_comes_back_422_with_Chinese_messages_and_nothing_is_made()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var fields = Leak();
        fields["Description"] = "  ";
        fields["Room"] = "";
        fields["Urgency"] = "7";

        var response = await student.PostFormAsync("/requests/new", "/requests/new", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        var errors = page.Errors();
        Assert.Contains("请描述遇到的问题", errors, StringComparison.Ordinal);
        Assert.Contains("请选择房间", errors, StringComparison.Ordinal);
        Assert.Contains("请选择紧急程度", errors, StringComparison.Ordinal);
        // What was typed stays: the category is still chosen.
        Assert.Equal("water-leak", page.QuerySelector("#Category option[selected]")?.GetAttribute("value"));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Houqin.Features.ServiceDesk.ServiceRequest>().CountAsync(Ct));
    }

    [Fact]
    public async Task A_report_goes_to_its_page_and_sending_the_same_form_twice_makes_one_request()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var (_, form) = await student.GetPageAsync("/requests/new");
        var fields = Leak();
        fields["Key"] = form.QuerySelector("#Key")!.GetAttribute("value")!;

        var first = await student.PostFormAsync("/requests/new", "/requests/new", new(fields));
        var again = await student.PostFormAsync("/requests/new", "/requests/new", new(fields));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var (ok, page) = await student.GetPageAsync(first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Matches(@"^HQ-2026-\d{6}$", page.Text("#request-number"));
        Assert.Equal("已提交，待受理", page.Text("#request-status"));
        Assert.Contains("水 · 漏水", page.Text("#request-category"), StringComparison.Ordinal);
        Assert.Contains("101", page.Text("#request-place"), StringComparison.Ordinal);
        // 30 working minutes from Monday 10:00.
        Assert.Contains("2026年11月30日 10:30", page.Text("#commitments"), StringComparison.Ordinal);
        Assert.Contains("提交了报修", page.Text("#timeline"), StringComparison.Ordinal);
        var (_, mine) = await student.GetPageAsync("/requests");
        Assert.Single(mine.QuerySelectorAll("#my-requests li[data-number]"));
    }

    [Fact]
    public async Task The_place_is_picked_campus_then_building_then_room_without_JavaScript()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var student = web.As("student");

        var (_, start) = await student.GetPageAsync("/requests/new");
        Assert.True(start.QuerySelector("#Building")!.HasAttribute("disabled"));
        var (_, campus) = await student.GetPageAsync("/requests/new?Campus=E&Description=%E6%BC%8F%E6%B0%B4");
        Assert.Contains(campus.QuerySelectorAll("#Building option"), o => o.GetAttribute("value") == "E-01");
        Assert.Equal("漏水", campus.QuerySelector("#Description")!.TextContent.Trim());
        var (_, building) = await student.GetPageAsync("/requests/new?Campus=E&Building=E-01");
        Assert.Contains(building.QuerySelectorAll("#Room option"), o => o.GetAttribute("value") == "E-01-101");
        // Changing the campus drops a building of the other campus.
        var (_, moved) = await student.GetPageAsync("/requests/new?Campus=W&Building=E-01&Room=E-01-101");
        Assert.Null(moved.QuerySelector("#Building option[selected]"));
        Assert.True(moved.QuerySelector("#Room")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_rooms_QR_link_opens_the_form_with_the_place_filled_in_and_an_unknown_one_is_404()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var student = web.As("student");
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Room>().Where(r => r.Code == "E-01-101").Select(r => r.QrToken).SingleAsync(Ct);
        }

        var link = await student.GetAsync($"/r/{token}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        var (_, form) = await student.GetPageAsync(link.Headers.Location!.ToString());
        Assert.Equal("E-01-101", form.QuerySelector("#Room option[selected]")?.GetAttribute("value"));
        Assert.Equal("E-01", form.QuerySelector("#Building option[selected]")?.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#qr-place"));

        Assert.Equal(HttpStatusCode.NotFound, (await student.GetAsync("/r/not-a-real-token", Ct)).StatusCode);
        // Without signing in it asks who you are (the browser test follows the real sign-in and back).
        var anonymous = await web.ClientAs(null).GetAsync($"/r/{token}", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Staff_log_a_phone_call_and_own_it_and_a_bad_phone_number_is_422()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var frontdesk = web.As("frontdesk");
        var fields = Leak();
        fields["Channel"] = "Phone";
        fields["CallerName"] = "王老师";
        fields["CallerPhone"] = "call me";

        var bad = await frontdesk.PostFormAsync("/desk/log", "/desk/log", new(fields));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("请填写联系电话", (await Forms.ParseAsync(bad)).Errors(), StringComparison.Ordinal);

        fields["CallerPhone"] = "021-6543 2100";
        // The caller sent a photo by message: it comes with the call.
        var logged = await frontdesk.PostPhotosAsync("/desk/log", "/desk/log", new(fields), PhotoPageTests.Png);
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var (_, page) = await frontdesk.GetPageAsync(logged.Headers.Location!.ToString());
        Assert.Contains("陈静 代报修人登记了报修", page.Text("#timeline"), StringComparison.Ordinal);
        // A leak is the water post's: water2, on duty, handles it (ADR 0022).
        Assert.Contains("按接报岗位确定了承办人", page.Text("#timeline"), StringComparison.Ordinal);
        Assert.Contains("刘海", page.Text("#timeline"), StringComparison.Ordinal);
        Assert.Contains("021-6543 2100", page.Text("#request-details"), StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("#photos img"));
        var (_, desk) = await frontdesk.GetPageAsync("/desk");
        Assert.Single(desk.QuerySelectorAll("#owned li[data-number]"));
        Assert.Empty(desk.QuerySelectorAll("#handling li[data-number]"));
        // A student may not log for others.
        Assert.Equal(HttpStatusCode.Forbidden, (await web.As("student").GetAsync("/desk/log", Ct)).StatusCode);
    }
}
