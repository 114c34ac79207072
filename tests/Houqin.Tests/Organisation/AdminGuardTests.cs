using System.Net;
using System.Text.RegularExpressions;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Organisation;

/// <summary>What the database would refuse is refused by the form first, with the reason, and nothing is half-written.</summary>
public sealed partial class AdminGuardTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        var ct = TestContext.Current.CancellationToken;
        var html = await client.GetStringAsync(url, ct);
        form["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(form), ct);
    }

    [Fact]
    public async Task A_region_code_longer_than_the_database_holds_is_a_422_naming_the_limit_not_a_500()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = app.WithTestSignIn().ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;

        var r = await PostAsync(admin, "/Admin/Campuses/Edit", new() { ["Input.Code"] = "far", ["Input.Name"] = "远郊校区", ["Input.RegionCode"] = new string('x', 40) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains("最多 32 个字符", await r.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Set<Campus>().AnyAsync(c => c.Code == "far", ct));
        Assert.False(await db.Set<AuditEvent>().AnyAsync(e => e.Action == "campus.created" && e.Data.Contains("far"), ct));
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_take_away_their_own_role_or_disable_themselves()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = app.WithTestSignIn().ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync(ct);
        }

        var dropRole = await PostAsync(admin, $"/Admin/People/Edit/{id}", new() { ["Input.DisplayName"] = "系统管理员", ["Input.Kind"] = "Staff", ["Input.Roles"] = "Staff" });
        var disable = await PostAsync(admin, $"/Admin/People/Edit/{id}", new() { ["Input.DisplayName"] = "系统管理员", ["Input.Kind"] = "Staff", ["Input.Roles"] = "Admin", ["Input.Disabled"] = "true" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, dropRole.StatusCode);
        Assert.Contains("最后一位可用的系统管理员", await dropRole.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disable.StatusCode);
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == id, ct);
        Assert.False(user.Disabled);
        Assert.True(await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id && r.Name == Roles.Admin select r).AnyAsync(ct));
    }

    [Fact]
    public async Task Two_administrators_creating_the_same_campus_at_once_get_one_campus_and_a_422_not_a_500()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        var ct = TestContext.Current.CancellationToken;
        var clients = Enumerable.Range(0, 6).Select(_ => factory.ClientAs("admin")).ToList();
        var forms = new List<Dictionary<string, string>>();
        foreach (var c in clients)
        {
            var html = await c.GetStringAsync("/Admin/Campuses/Edit", ct);
            forms.Add(new() { ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value, ["Input.Code"] = "twin", ["Input.Name"] = "双子校区" });
        }

        var answers = await Task.WhenAll(clients.Select((c, i) => c.PostAsync("/Admin/Campuses/Edit", new FormUrlEncodedContent(forms[i]), ct)));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.UnprocessableEntity }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Set<Campus>().CountAsync(c => c.Code == "twin", ct));
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "campus.created" && e.Data.Contains("twin"), ct));
        clients.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData("E-12-901,E-12,9,901,新实验室\nE-12-902,E-12,9,902,新实验室\n")]
    [InlineData("楼宇代码,房间代码,楼层,房间号,名称\nE-12,E-12-901,9,901,新实验室\n")]
    public async Task A_room_file_whose_first_line_is_not_the_header_is_refused_whole(string csv)
    {
        await using var app = await TestApp.StartAsync();
        using var admin = app.WithTestSignIn().ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;

        var r = await admin.PostAsync("/api/v1/admin/import/rooms", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains("第 1 行：第一行须是表头", await r.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Room>().AnyAsync(x => x.Code == "E-12-902" || x.Code == "E-12-901", ct));
    }

    [Fact]
    public async Task A_room_file_may_name_its_columns_by_code_in_english()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = app.WithTestSignIn().ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;

        var csv = "RoomCode,BuildingCode,Floor,RoomNumber,RoomName\nE-12-901,E-12,9,901,新实验室\n";
        var r = await admin.PostAsync("/api/v1/admin/import/rooms", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), ct);

        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(ct));
    }
}
