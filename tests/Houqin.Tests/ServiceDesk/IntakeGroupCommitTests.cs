using System.Net;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Search;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>Intake's group commit (ADR 0010): many creates at once share transactions yet each is whole.</summary>
public class IntakeGroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_reports_at_once_get_fifty_gapless_numbers_each_with_its_audit_event_timers_notice_and_search_entry()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        string[] people = ["student", "teacher"];
        var results = await Task.WhenAll(
            Enumerable.Range(0, 50).Select(i => web.As(people[i % people.Length]).ReportAsync(room: i % 2 == 0 ? "E-01-101" : "E-01-102", key: $"storm-{i}").CreatedAsync())
        );

        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"HQ-2026-{i:D6}"), results.Select(r => r.Str("number")).Order(StringComparer.Ordinal));
        var ids = results.Select(r => Guid.Parse(r.Id())).ToList();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var textIds = ids.Select(i => i.ToString()).ToList();
        var submitted = await db.Set<AuditEvent>().Where(e => e.Action == "service_request.submitted" && textIds.Contains(e.SubjectId)).ToListAsync(Ct);
        Assert.Equal(textIds.Order(StringComparer.Ordinal), submitted.Select(e => e.SubjectId).Order(StringComparer.Ordinal));
        // Each event names the person who reported, though the writer that saved it has no signed-in user.
        var requesters = await db.Set<ServiceRequest>().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.RequesterId }).ToListAsync(Ct);
        var names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.UserName, Ct);
        Assert.All(submitted, e => Assert.Equal(names[requesters.Single(r => r.Id.ToString() == e.SubjectId).RequesterId!.Value], e.Actor));

        Assert.Equal(150, await db.Set<Deadline>().CountAsync(d => ids.Contains(d.SubjectId), Ct));
        Assert.Equal(50, await db.Set<RequestSearchEntry>().CountAsync(e => ids.Contains(e.RequestId), Ct));
        Assert.Equal(50, await db.Set<IdempotencyKey>().CountAsync(k => ids.Contains(k.RequestId), Ct));
        var told = await db.Set<Notice>().Where(n => n.Kind == "service_request.assigned" && ids.Contains(n.SubjectId)).Select(n => n.SubjectId).Distinct().CountAsync(Ct);
        Assert.Equal(50, told);
    }

    [Fact]
    public async Task Ten_calls_at_once_with_one_idempotency_key_make_one_request()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var student = web.As("student");
        var before = await CountAsync(app);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => student.ReportAsync(key: "one-leak")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var bodies = await Task.WhenAll(responses.Select(r => r.JsonAsync()));
        Assert.Single(bodies.Select(b => b.Id()).Distinct());
        Assert.Equal(before + 1, await CountAsync(app));
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ServiceRequest>().CountAsync(Ct);
    }
}
