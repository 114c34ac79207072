using System.Net;
using System.Text.RegularExpressions;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Organisation;

public partial class AdminPagesTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
        return TokenPattern().Match(html).Groups[1].Value;
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Campuses")]
    [InlineData("/Admin/Campuses/Edit")]
    [InlineData("/Admin/Buildings?q=图书馆")]
    [InlineData("/Admin/Buildings/Edit")]
    [InlineData("/Admin/Rooms?q=E-12&p=2")]
    [InlineData("/Admin/Rooms/Edit")]
    [InlineData("/Admin/Teams")]
    [InlineData("/Admin/Teams/Edit")]
    [InlineData("/Admin/Posts")]
    [InlineData("/Admin/Posts/Edit")]
    [InlineData("/Admin/People?q=water")]
    [InlineData("/Admin/People/Edit")]
    [InlineData("/Admin/Duty?post=water-duty&from=2026-11-30")]
    [InlineData("/Admin/Duty/Absences")]
    [InlineData("/Admin/Import")]
    public async Task Every_admin_page_opens_for_the_administrator_and_for_nobody_else(string url)
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var admin = factory.ClientAs("admin");
        using var director = factory.ClientAs("director");
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync(url, ct)).StatusCode);
    }

    [Fact]
    public async Task The_rooms_list_searches_and_pages_and_the_roster_page_shows_the_week()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = app.WithTestSignIn().ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;

        var found = await admin.GetStringAsync("/Admin/Rooms?q=" + Uri.EscapeDataString("理科实验楼305"), ct);
        Assert.Contains("E-12-305", found, StringComparison.Ordinal);
        Assert.DoesNotContain("E-12-304", found, StringComparison.Ordinal);
        var first = await admin.GetStringAsync("/Admin/Rooms", ct);
        Assert.Contains("第 1/", first, StringComparison.Ordinal);

        var roster = await admin.GetStringAsync("/Admin/Duty?post=water-duty&from=2026-11-30", ct);
        Assert.Contains("2026年11月30日 08:00", roster, StringComparison.Ordinal);
        Assert.Contains("刘海 (water2)", roster, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_room_is_created_from_the_form_and_a_bad_one_comes_back_with_422()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var admin = factory.ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;
        Guid buildingId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            buildingId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Building>().Where(b => b.Code == "W-40").Select(b => b.Id).SingleAsync(ct);
        }

        var token = await TokenAsync(admin, "/Admin/Rooms/Edit");
        var bad = await admin.PostAsync("/Admin/Rooms/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = "W-40-101",
            ["Input.BuildingId"] = buildingId.ToString(),
            ["Input.Number"] = "",
        }), ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync(ct);
        Assert.Contains("房间 W-40-101 已存在", html, StringComparison.Ordinal);
        Assert.Contains("必填", html, StringComparison.Ordinal);

        var good = await admin.PostAsync("/Admin/Rooms/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = "W-40-401",
            ["Input.BuildingId"] = buildingId.ToString(),
            ["Input.Floor"] = "4",
            ["Input.Number"] = "401",
            ["Input.Name"] = "值班室",
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var check = factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var room = await db.Set<Room>().SingleAsync(r => r.Code == "W-40-401", ct);
        Assert.Equal("值班室", room.Name);
        Assert.True(await db.Set<Floor>().AnyAsync(f => f.Id == room.FloorId && f.Level == 4, ct));
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Action == "room.created" && e.SubjectId == room.Id.ToString() && e.Actor == "admin", ct));
    }
}
