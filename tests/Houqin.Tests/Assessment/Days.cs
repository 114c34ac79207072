using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Houqin.Tests.Assessment;

/// <summary>Checklists and work logs over HTTP, as a phone uses them; the clock moves by the test clock's endpoint.</summary>
public static class Days
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Moves the manual clock and fires what fell due (PT0S fires what is due now).</summary>
    public static async Task AdvanceAsync(this WebApplicationFactory<Program> web, string by)
    {
        using var client = web.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<JsonElement> TodayAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/checklists/today", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>The person's only checklist today, at <paramref name="post"/>.</summary>
    public static async Task<JsonElement> ChecklistAsync(this HttpClient client, string post)
    {
        var today = await client.TodayAsync();
        return Assert.Single(today.EnumerateArray(), c => c.GetProperty("postCode").GetString() == post);
    }

    public static JsonElement Item(this JsonElement checklist, string title) =>
        Assert.Single(checklist.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == title);

    public static string Status(this JsonElement item) => item.GetProperty("status").GetString()!;

    public static Task<HttpResponseMessage> TickAsync(this HttpClient client, JsonElement checklist, JsonElement item, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/checklists/{checklist.Id()}/items/{item.Id()}/done", body ?? new { }, Ct);

    public static async Task<JsonElement> WorkLogAsync(this HttpClient client, string date)
    {
        var response = await client.GetAsync($"/api/v1/worklog/{date}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
