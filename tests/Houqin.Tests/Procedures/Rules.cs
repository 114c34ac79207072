using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.Procedures;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Outbox;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Procedures;

/// <summary>The demo's 《总务后勤工作规程》 over HTTP, as the office, the public and the principal's office use it.</summary>
public static class Rules
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> RulesIdAsync(this WebApplicationFactory<Program> web)
    {
        var list = await web.ClientAs(null).GetAsync("/api/v1/procedures", Ct).ExpectAsync();
        return list.EnumerateArray().Single(p => p.GetProperty("code").GetString() == DemoProcedures.RulesCode).GetProperty("id").GetString()!;
    }

    public static string VersionUrl(string id, int n, string? then = null) => $"/api/v1/procedures/{id}/versions/{n}" + (then is null ? "" : "/" + then);

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object? body = null) =>
        client.PostAsJsonAsync(url, body ?? new { }, Ct);

    public static Task<HttpResponseMessage> SetParameterAsync(this HttpClient director, string id, int n, string key, object? value) =>
        director.PutAsJsonAsync(VersionUrl(id, n, "parameters/" + key), new { value }, Ct);

    /// <summary>The call must answer <paramref name="status"/>; its JSON.</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await call;
        var json = response.Content.Headers.ContentLength == 0 ? default : await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>The call must be refused with this status and problem code, or for a 422, name this field.</summary>
    public static async Task RefusedAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string codeOrField)
    {
        var json = await call.ExpectAsync(status);
        if (status == HttpStatusCode.UnprocessableEntity)
        {
            Assert.True(json.GetProperty("errors").TryGetProperty(codeOrField, out _), json.ToString());
        }
        else
        {
            Assert.Equal(codeOrField, json.GetProperty("code").GetString());
        }
    }

    /// <summary>
    /// Closes version 2's consultation (the demo opened it the day before the tests' clock starts, for 14 days),
    /// answers its comments as the director, and submits it to the principal's office meeting.
    /// </summary>
    public static async Task SubmitVersion2Async(this WebApplicationFactory<Program> web, string id)
    {
        await web.AdvanceAsync("P14D");
        var director = web.As("director");
        var comments = await director.GetAsync(VersionUrl(id, 2, "comments"), Ct).ExpectAsync();
        foreach (var c in comments.EnumerateArray())
        {
            await director.PostAsync(VersionUrl(id, 2, $"comments/{c.Id()}/answer"), new { outcome = "PartlyAdopted", reason = "夜间报修改由值班人员 2 小时内到场。" }).ExpectAsync();
        }
        await director.PostAsync(VersionUrl(id, 2, "submit")).ExpectAsync();
    }

    public static Task<HttpResponseMessage> ApproveAsync(this HttpClient client, string id, int n, DateTimeOffset effectiveAt, string meetingDate) =>
        client.PostAsync(
            VersionUrl(id, n, "approve"),
            new
            {
                meetingDate,
                minutesRef = "校办会纪要〔2026〕21号",
                resolutionNo = "校办决〔2026〕88号",
                effectiveAt = effectiveAt.ToString("O"),
            }
        );

    /// <summary>The notices of <paramref name="kind"/> told to <paramref name="userName"/>, their arguments as stored.</summary>
    public static async Task<List<string>> NoticesAsync(this WebApplicationFactory<Program> web, string userName, string kind)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Set<User>().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
        return await db.Set<Notice>().Where(n => n.RecipientId == user && n.Kind == kind).Select(n => n.Args).ToListAsync(Ct);
    }

    /// <summary>The audit actions recorded about version <paramref name="n"/> of the rules, in order.</summary>
    public static async Task<List<string>> AuditAsync(this WebApplicationFactory<Program> web, int n)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var v = await db.Set<ProcedureVersion>().SingleAsync(x => x.Number == n, Ct);
        var subject = v.Id.ToString();
        return await db.Set<AuditEvent>().Where(e => e.SubjectType == Procedure.SubjectType && e.SubjectId == subject).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct);
    }
}
