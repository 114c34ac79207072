using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Houqin.Tests.ServiceDesk;

/// <summary>The service desk over HTTP, as a client would use it; people sign in by the test header.</summary>
public static class Desk
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(TestApp App, WebApplicationFactory<Program> Web)> StartAsync(DateTimeOffset? at = null)
    {
        var app = await TestApp.StartAsync(at);
        return (app, app.WithTestSignIn());
    }

    public static HttpClient As(this WebApplicationFactory<Program> web, string userName) => web.ClientAs(userName);

    public static Task<HttpResponseMessage> ReportAsync(this HttpClient client, string category = "water-leak", string room = "E-01-101", string urgency = "Normal", string? key = null, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["categoryCode"] = category,
            ["roomCode"] = room,
            ["description"] = "卫生间水管漏水",
            ["urgency"] = urgency,
        };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request, Ct);
    }

    /// <summary>Reports <paramref name="count"/> leaks, twenty at a time; their numbers.</summary>
    public static async Task<List<string>> ReportManyAsync(this HttpClient client, int count)
    {
        var numbers = new List<string>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(20))
        {
            var made = await Task.WhenAll(chunk.Select(_ => client.ReportAsync().CreatedAsync()));
            numbers.AddRange(made.Select(r => r.Str("number")));
        }
        return numbers;
    }

    public static async Task<JsonElement> CreatedAsync(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> StepAsync(this HttpClient client, JsonElement request, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/service-requests/{request.Id()}/{step}", body ?? new { }, Ct);

    public static async Task<JsonElement> GetRequestAsync(this HttpClient client, JsonElement request)
    {
        var response = await client.GetAsync($"/api/v1/service-requests/{request.Id()}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    public static async Task<string?> CodeAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).TryGetProperty("code", out var c) ? c.GetString() : null;

    public static string Id(this JsonElement e) => e.GetProperty("id").GetString()!;

    public static string Str(this JsonElement e, params string[] path)
    {
        foreach (var p in path)
        {
            e = e.GetProperty(p);
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
    }

    public static DateTimeOffset Instant(this JsonElement e, string name) =>
        e.GetProperty("commitments").GetProperty(name).GetDateTimeOffset();

    public static DateTimeOffset Beijing(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
