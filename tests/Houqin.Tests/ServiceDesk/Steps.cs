using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Houqin.Tests.ServiceDesk;

/// <summary>The lifecycle's steps and the manual clock, as the scenario tests drive them.</summary>
public static class Steps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Moves the manual clock (ISO 8601 duration) and fires what fell due.</summary>
    public static async Task AdvanceAsync(this WebApplicationFactory<Program> web, string by)
    {
        using var client = web.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.JsonAsync()).GetProperty("failed").GetInt32());
    }

    /// <summary>The person's notices (kind and text in <paramref name="culture"/>), newest first as the API lists them.</summary>
    public static async Task<List<(string Kind, string Text)>> NoticesAsync(this HttpClient client, string culture = "zh-CN") =>
        (await (await client.GetAsync($"/api/v1/notifications?limit=100&culture={culture}", Ct)).JsonAsync())
            .GetProperty("items")
            .EnumerateArray()
            .Select(n => (n.Str("kind"), n.Str("text")))
            .ToList();

    /// <summary>The person's notices of one kind, whole (kind, text in <paramref name="culture"/>, link), newest first.</summary>
    public static async Task<List<JsonElement>> NoticesOfKindAsync(this HttpClient client, string kind, string culture = "zh-CN") =>
        [
            .. (await (await client.GetAsync($"/api/v1/notifications?limit=100&culture={culture}", Ct)).JsonAsync())
                .GetProperty("items")
                .EnumerateArray()
                .Where(n => n.Str("kind") == kind),
        ];

    /// <summary>A step that must succeed; answers the request as it now is.</summary>
    public static async Task<JsonElement> OkAsync(this HttpClient client, JsonElement request, string step, object? body = null)
    {
        var response = await client.StepAsync(request, step, body);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>A step that must be refused with this status and problem code (or naming this field, for 422).</summary>
    public static async Task RefusedAsync(this HttpClient client, JsonElement request, string step, object? body, HttpStatusCode status, string codeOrField)
    {
        var response = await client.StepAsync(request, step, body);
        Assert.Equal(status, response.StatusCode);
        var json = await response.JsonAsync();
        if (status == HttpStatusCode.UnprocessableEntity)
        {
            Assert.True(json.GetProperty("errors").TryGetProperty(codeOrField, out _), $"{step}: {json}");
        }
        else
        {
            Assert.Equal(codeOrField, json.Str("code"));
        }
    }

    public static List<(string Actor, string Action)> Timeline(this JsonElement request) =>
        request.GetProperty("timeline").EnumerateArray().Select(t => (t.Str("actor"), t.Str("action"))).ToList();

    public static List<string> CoOwners(this JsonElement request) =>
        request.GetProperty("coOwners").EnumerateArray().Select(p => p.Str("userName")).ToList();

    public static int Level(this JsonElement request) => request.GetProperty("escalationLevel").GetInt32();

    public static bool IsOverdue(this JsonElement request) => request.GetProperty("overdue").GetBoolean();

    public static Task<JsonElement> LogCallAsync(this HttpClient staff, string category = "water-leak") =>
        staff.ReportAsync(category: category, extra: new { channel = "Phone", caller = new { name = "赵老师", phone = "13800001111" } }).CreatedAsync();
}
