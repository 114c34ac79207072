using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Organisation;

public class ImportTests
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<T> InDbAsync<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> f, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = f.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task A_room_file_with_bad_rows_reports_every_one_by_line_and_column_and_imports_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var admin = factory.ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;
        var before = await InDbAsync(factory, db => db.Set<Room>().CountAsync(ct));

        var csv = "房间代码,楼宇代码,楼层,房间号,名称\n"
            + "E-12-901,E-12,9,901,新实验室\n"
            + "E-99-101,E-99,1,101,教室\n"
            + "E-10-101,E-10,1,101,教室\n"
            + "E-12-902,E-12,二,902,\n"
            + "E-12-901,E-12,9,901,重复\n"
            + "E-12-903,E-12\n";
        var response = await admin.PostAsync("/api/v1/admin/import/rooms", Csv(csv), ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("import_rejected", problem.GetProperty("code").GetString());
        var messages = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Equal(
            [
                "第 3 行，第 2 列（楼宇代码）：不存在的楼宇 E-99",
                "第 4 行，第 1 列（房间代码）：房间 E-10-101 已存在",
                "第 5 行，第 3 列（楼层）：楼层“二”应为 -10 到 200 之间的非零整数",
                "第 6 行，第 1 列（房间代码）：房间 E-12-901 已存在",
                "第 7 行：应有 5 列，实有 2 列",
            ],
            messages
        );
        Assert.Equal(before, await InDbAsync(factory, db => db.Set<Room>().CountAsync(ct)));
        Assert.False(await InDbAsync(factory, db => db.Set<Room>().AnyAsync(r => r.Code == "E-12-901", ct)));
    }

    [Fact]
    public async Task A_good_room_file_creates_the_rooms_with_floors_and_tokens_and_audits_each()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var admin = factory.ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;

        var csv = "\uFEFF房间代码,楼宇代码,楼层,房间号,名称\r\nE-12-901,E-12,9,901,\"新实验室, 北\"\r\nE-12-902,E-12,9,902,\r\n";
        var response = await admin.PostAsync("/api/v1/admin/import/rooms", Csv(csv), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("imported").GetInt32());
        var rooms = await InDbAsync(factory, db => db.Set<Room>().Where(r => r.Code.StartsWith("E-12-90")).OrderBy(r => r.Code).ToListAsync(ct));
        Assert.Equal(["新实验室, 北", ""], rooms.Select(r => r.Name));
        Assert.Equal(22, rooms[0].QrToken.Length);
        Assert.NotEqual(rooms[0].QrToken, rooms[1].QrToken);
        Assert.NotNull(rooms[0].FloorId);
        Assert.Equal(rooms[0].FloorId, rooms[1].FloorId);
        var audited = await InDbAsync(factory, db => db.Set<AuditEvent>().CountAsync(e => e.Action == "room.created" && e.Actor == "admin", ct));
        Assert.Equal(2, audited);
    }

    [Fact]
    public async Task A_people_file_with_one_bad_row_imports_nobody_and_a_good_one_creates_accounts_with_roles()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var admin = factory.ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;
        const string header = "用户名,姓名,类别,角色,电话,部门,学号/工号\n";

        var bad = header + "s2026001,周小南,学生,,13800000000,计算机学院,2026001\n" + "student,重名,学生,,,,\n" + "t9,韩老师,教授,Wizard,,,\n";
        var rejected = await admin.PostAsync("/api/v1/admin/import/people", Csv(bad), ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var messages = (await rejected.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32()))
            .ToList();
        Assert.Equal([(3, 1), (4, 3), (4, 4)], messages);
        Assert.False(await InDbAsync(factory, db => db.Users.AnyAsync(u => u.UserName == "s2026001", ct)));

        var good = header + "s2026001,周小南,学生,,13800000000,计算机学院,2026001\n" + "t9,韩老师,Teacher,Requester;Staff,,物理学院,T9\n";
        var accepted = await admin.PostAsync("/api/v1/admin/import/people", Csv(good), ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var roles = await InDbAsync(factory, db =>
            (from u in db.Users
             join ur in db.UserRoles on u.Id equals ur.UserId
             join r in db.Roles on ur.RoleId equals r.Id
             where u.UserName == "t9" || u.UserName == "s2026001"
             orderby u.UserName, r.Name
             select u.UserName + ":" + r.Name).ToListAsync(ct));
        Assert.Equal(["s2026001:Requester", "t9:Requester", "t9:Staff"], roles);
    }

    [Fact]
    public async Task Only_administrators_may_import_and_only_as_text_csv()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var staff = factory.ClientAs("leader-water");
        using var admin = factory.ClientAs("admin");
        var ct = TestContext.Current.CancellationToken;
        var csv = "房间代码,楼宇代码,楼层,房间号,名称\nE-12-901,E-12,9,901,x\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/v1/admin/import/rooms", Csv(csv), ct)).StatusCode);
        var asJson = new StringContent(csv, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.PostAsync("/api/v1/admin/import/rooms", asJson, ct)).StatusCode);
    }
}
