using System.Net;
using System.Text;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>A body the JSON reader refuses is a 400 naming the field, as the API's other input errors name theirs, and writes nothing.</summary>
public class MalformedBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json) =>
        await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task<string[]> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("bad_request", problem.Str("code"));
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_field_and_nothing_is_created()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var student = web.As("student");
        const string Path = "/api/v1/service-requests";

        Assert.Equal(["urgency"], await FieldsAsync(await PostJsonAsync(student, Path, """{"categoryCode":"water-leak","roomCode":"E-01-101","description":"漏水","urgency":5}""")));
        Assert.Equal(
            ["caller.name"],
            await FieldsAsync(await PostJsonAsync(web.As("frontdesk"), Path, """{"categoryCode":"water-leak","roomCode":"E-01-101","description":"漏水","channel":"Phone","caller":{"name":7,"phone":"1"}}"""))
        );
        Assert.Equal(["body"], await FieldsAsync(await PostJsonAsync(student, Path, "not json")));
        var mine = await (await student.GetAsync("/api/v1/service-requests?scope=mine", Ct)).JsonAsync();
        Assert.Empty(mine.GetProperty("items").EnumerateArray());

        var r = await student.ReportAsync().CreatedAsync();
        Assert.Equal(["reason"], await FieldsAsync(await PostJsonAsync(web.As("water2"), $"{Path}/{r.Id()}/pause", """{"reason":["等配件"]}""")));
        Assert.Equal("Submitted", (await student.GetRequestAsync(r)).Str("status"));
    }
}
