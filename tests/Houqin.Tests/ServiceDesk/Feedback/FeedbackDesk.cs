using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk.Feedback;

/// <summary>A request taken to the point where feedback begins, and the feedback calls, over HTTP.</summary>
internal static class FeedbackDesk
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The student's report, handled by water2 (on duty on Monday 11-30) up to completion.</summary>
    public static async Task<(TestApp App, WebApplicationFactory<Program> Web, JsonElement Request)> CompletedAsync(DateTimeOffset? at = null)
    {
        var (app, web) = await StartAsync(at ?? Beijing(11, 30, 10, 0));
        var water2 = web.As("water2");
        var r = await web.As("student").ReportAsync().CreatedAsync();
        await OkAsync(water2.StepAsync(r, "acknowledge"));
        await OkAsync(water2.StepAsync(r, "arrive"));
        await OkAsync(water2.StepAsync(r, "complete", new { method = "更换阀门", result = "已修好", materials = new[] { "阀门 DN15" } }));
        return (app, web, r);
    }

    /// <summary>As <see cref="CompletedAsync"/>, then confirmed by the student.</summary>
    public static async Task<(TestApp App, WebApplicationFactory<Program> Web, JsonElement Request)> ConfirmedAsync(DateTimeOffset? at = null)
    {
        var (app, web, r) = await CompletedAsync(at);
        await OkAsync(web.As("student").StepAsync(r, "confirm"));
        return (app, web, r);
    }

    public static object Scores(int timeliness = 5, int quality = 5, int attitude = 5, int satisfaction = 5, string? comment = null) =>
        new { timeliness, quality, attitude, satisfaction, comment };

    public static async Task<JsonElement> FeedbackAsync(this HttpClient client, JsonElement request)
    {
        var response = await client.GetAsync($"/api/v1/service-requests/{request.Id()}/feedback", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> ComplainAsync(this HttpClient client, JsonElement request, string staff, string kind = "BuckPassing", bool? share = null) =>
        client.StepAsync(request, "complaints", new { kind, staffUserName = staff, text = "说不是他负责，让我去找别人", shareIdentity = share });

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.JsonAsync();
    }

    public static async Task AssertProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string code, string? field = null)
    {
        var response = await call;
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, body.Str("code"));
        if (field is not null)
        {
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
        }
    }

    public static IEnumerable<string> Actions(this JsonElement request) =>
        request.GetProperty("timeline").EnumerateArray().Select(t => t.Str("action"));
}
