using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Tests.ServiceDesk;
using Houqin.Tests.ServiceDesk.Feedback;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Assessment;

/// <summary>Monthly scorecards over HTTP, as the office reads, rates and signs them; and the raw rows behind them.</summary>
public static class Cards
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> CardAsync(this HttpClient client, string userName, string month) =>
        client.GetAsync($"/api/v1/scorecards/{userName}/{month}", Ct);

    /// <summary>A card the viewer may see.</summary>
    public static async Task<JsonElement> SeeCardAsync(this HttpClient client, string userName, string month)
    {
        var response = await client.CardAsync(userName, month);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName}/{month}: {(int)response.StatusCode} {json}");
        return json;
    }

    public static async Task<JsonElement> MonthAsync(this HttpClient client, string month, string? team = null)
    {
        var response = await client.GetAsync($"/api/v1/scorecards?month={month}" + (team is null ? "" : "&team=" + team), Ct);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{month}: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>The handler acknowledges, arrives and completes the request, each step in time unless the clock moved.</summary>
    public static async Task HandleToCompletionAsync(this HttpClient handler, JsonElement request, string method = "更换阀门")
    {
        await handler.OkAsync(request, "acknowledge");
        await handler.OkAsync(request, "arrive");
        await handler.OkAsync(request, "complete", new { method, result = "已修好" });
    }

    /// <summary>The director has the auditor investigate the case; the accused answers; the auditor decides.</summary>
    public static async Task DecideCaseAsync(this WebApplicationFactory<Program> web, JsonElement c, string accused, object decision)
    {
        await FeedbackDesk.OkAsync(Accountability.Cases.StepAsync(web.As("director"), c, "assign-investigator", new { investigatorUserName = "auditor" }));
        await FeedbackDesk.OkAsync(Accountability.Cases.StepAsync(web.As(accused), c, "answer", new { answer = "当时已告知找哪个班组。" }));
        await FeedbackDesk.OkAsync(Accountability.Cases.StepAsync(web.As("auditor"), c, "decide", decision));
    }

    public static readonly object Dismissed = new { decision = "Dismissed", sanction = "None", findings = "经核实，已按首问负责制转办。" };

    public static Task<HttpResponseMessage> RateMonthAsync(this HttpClient leader, string userName, string month, int? rating, string? comment = null) =>
        leader.PutAsJsonAsync($"/api/v1/scorecards/{userName}/{month}/leader-rating", new { rating, comment }, Ct);

    public static Task<HttpResponseMessage> SignOffAsync(this HttpClient director, string month) =>
        director.PostAsJsonAsync($"/api/v1/scorecards/{month}/sign-off", new { }, Ct);

    public static JsonElement Figure(this JsonElement card, string key) =>
        Assert.Single(card.GetProperty("figures").EnumerateArray(), f => f.GetProperty("key").GetString() == key);

    public static decimal? Value(this JsonElement card, string key) =>
        card.Figure(key).GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;

    public static int Count(this JsonElement card, string key) => card.Figure(key).GetProperty("count").GetInt32();

    /// <summary>The requests behind a figure, sorted (empty when the card carries none).</summary>
    public static List<Guid> RequestIds(this JsonElement card, string key) =>
        card.Figure(key).TryGetProperty("requestIds", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? [.. ids.EnumerateArray().Select(i => i.GetGuid()).Order()]
            : [];

    public static decimal? Score(this JsonElement card) => card.GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetDecimal() : null;

    /// <summary>Reads the test app's database directly, as an auditor with SQL would.</summary>
    public static async Task<T> RowsAsync<T>(this WebApplicationFactory<Program> web, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static DateTime Now(this WebApplicationFactory<Program> web) => web.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>
    /// The score a card's own figures come to under the given weights and deductions (the rule of 奖勤罚懒 restated
    /// from ADR 0012, not the code's): each measured part by its weight, over the weights measured, less deductions.
    /// </summary>
    public static decimal ExpectedScore(JsonElement card, Weights w)
    {
        var parts = new List<(long Weight, double Fraction)>();
        var decided = 0;
        var kept = 0.0;
        foreach (var c in new[] { "acknowledge", "arrive", "resolve" })
        {
            var key = $"commitments.{c}.keptRate";
            if (card.Value(key) is { } rate)
            {
                decided += card.Count(key);
                kept += Math.Round((double)rate * card.Count(key));
            }
        }
        if (decided > 0)
        {
            parts.Add((w.Commitments, kept / decided));
        }
        if (card.Count("ratings.count") > 0)
        {
            var mean = new[] { "timeliness", "quality", "attitude", "satisfaction" }.Average(d => (double)card.Value($"ratings.{d}.mean")!.Value);
            parts.Add((w.Ratings, mean / 5));
        }
        if (card.Value("checklists.doneRate") is { } done)
        {
            parts.Add((w.Checklists, (double)done));
        }
        if (card.Value("worklog.workingDays") is > 0 and var days)
        {
            parts.Add((w.WorkLog, Math.Min(1, (double)card.Value("worklog.daysClosed")!.Value / (double)days)));
        }
        if (card.Value("leaderRating") is { } rating)
        {
            parts.Add((w.LeaderRating, (double)rating / 5));
        }
        parts.RemoveAll(p => p.Weight == 0);
        Assert.NotEmpty(parts);
        var earned = parts.Sum(p => p.Weight * p.Fraction) / parts.Sum(p => p.Weight) * 100;
        var deducted =
            card.Value("completions.rejected")!.Value * w.RejectedCompletion
            + card.Value("bounces")!.Value * w.Bounce
            + card.Value("complaints.upheld")!.Value * w.UpheldComplaint
            + card.Value("cases.penaltyPoints")!.Value;
        return Math.Round(Math.Clamp((decimal)earned - deducted, 0, 100), 1, MidpointRounding.AwayFromZero);
    }

    public sealed record Weights(long Commitments = 30, long Ratings = 30, long Checklists = 15, long WorkLog = 10, long LeaderRating = 15, long RejectedCompletion = 2, long Bounce = 2, long UpheldComplaint = 5);
}
