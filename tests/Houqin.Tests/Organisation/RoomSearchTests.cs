using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Houqin.Tests.Organisation;

public class RoomSearchTests
{
    private sealed record RoomDto(string Code, string Number, string Name, int? Floor, string BuildingCode, string BuildingName, string CampusCode);

    [Fact]
    public async Task Rooms_are_found_by_code_prefix_in_any_case_and_by_building_name()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithTestSignIn().ClientAs("student");
        var ct = TestContext.Current.CancellationToken;

        var byCode = await client.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?query=e-12-3&limit=100", ct);
        Assert.Equal(6, byCode!.Count);
        Assert.All(byCode, r => Assert.StartsWith("E-12-3", r.Code, StringComparison.Ordinal));
        Assert.All(byCode, r => Assert.Equal(3, r.Floor));
        Assert.Equal("E-12-301", byCode[0].Code);

        var byBuilding = await client.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?query=图书馆&limit=100", ct);
        Assert.Equal(["E-20", "W-20"], byBuilding!.Select(r => r.BuildingCode).Distinct());

        var byBuildingAndNumber = await client.GetFromJsonAsync<List<RoomDto>>($"/api/v1/rooms?query={Uri.EscapeDataString("理科实验楼305")}", ct);
        Assert.Equal(["E-12-305"], byBuildingAndNumber!.Select(r => r.Code));

        Assert.Empty((await client.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?query=Z-404", ct))!);
    }

    [Fact]
    public async Task Room_search_needs_a_signed_in_user_and_teams_list_the_reporting_chain()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var anonymous = factory.ClientAs(null);
        using var client = factory.ClientAs("teacher");
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/rooms?query=E", ct)).StatusCode);

        var teams = await client.GetFromJsonAsync<JsonElement>("/api/v1/org/teams", ct);
        var water = teams.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "water");
        Assert.Equal("水电组", water.GetProperty("name").GetString());
        Assert.Equal("leader-water", water.GetProperty("leader").GetProperty("userName").GetString());
        Assert.Equal("deputy", water.GetProperty("deputyDirector").GetProperty("userName").GetString());
        var post = water.GetProperty("posts").EnumerateArray().Single();
        Assert.True(post.GetProperty("roundTheClock").GetBoolean());
        Assert.Equal(["water", "electricity"], post.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }
}
