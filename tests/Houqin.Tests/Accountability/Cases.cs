using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.Accountability;

/// <summary>Cases over HTTP, as the deputy director, the auditor, the director and the accused use them.</summary>
internal static class Cases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Friday 12-04 10:00: the student reports, complains that repair1 passed the buck, and the deputy upholds it.</summary>
    public static async Task<(TestApp App, WebApplicationFactory<Program> Web, JsonElement Complaint, JsonElement Case)> UpheldAsync(bool share = false)
    {
        var (app, web) = await StartAsync(Beijing(12, 4, 10, 0));
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var complaint = await OkAsync(student.ComplainAsync(r, "repair1", share: share), HttpStatusCode.Created);
        await OkAsync(web.As("deputy").PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer = "经调查属实。", upheld = true }, Ct));
        var cases = await web.As("deputy").GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct);
        return (app, web, complaint, Assert.Single(cases.EnumerateArray()));
    }

    public static Task<HttpResponseMessage> StepAsync(this HttpClient client, JsonElement c, string step, object body) =>
        client.PostAsJsonAsync($"/api/v1/cases/{c.Id()}/{step}", body, Ct);

    public static async Task<JsonElement> GetCaseAsync(this HttpClient client, JsonElement c)
    {
        var response = await client.GetAsync($"/api/v1/cases/{c.Id()}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>The cases the client may read that rest on any of <paramref name="requests"/> (the demo's own may climb too).</summary>
    public static async Task<List<JsonElement>> CasesAboutAsync(this HttpClient client, params JsonElement[] requests)
    {
        var ids = requests.Select(r => r.Id()).ToHashSet();
        var cases = await client.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct);
        return cases.EnumerateArray().Where(c => c.GetProperty("evidence").EnumerateArray().Any(e => ids.Contains(e.Str("ref")))).ToList();
    }

    public static IEnumerable<string> Accused(this JsonElement c) => c.GetProperty("accused").EnumerateArray().Select(a => a.Str("person", "userName"));
}
