using System.Net;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

public class IntakeTests
{
    [Fact]
    public async Task The_create_answer_shows_the_request_exactly_as_reading_it_back_does()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var reported = await web.As("student").ReportAsync().CreatedAsync();
        var logged = await web.As("frontdesk")
            .ReportAsync(category: "door-lock", extra: new { channel = "Phone", caller = new { name = "赵老师", phone = "13800001111" } })
            .CreatedAsync();

        foreach (var (created, reader) in new[] { (reported, "student"), (logged, "frontdesk") })
        {
            var read = await web.As(reader).GetRequestAsync(created);
            // The create answers without a timeline; everything else, names and order included, is the same.
            Assert.Equal(JsonValueKind.Null, created.GetProperty("timeline").ValueKind);
            var asCreated = created.EnumerateObject().Where(p => p.Name != "timeline").Select(p => $"{p.Name}={p.Value.GetRawText()}");
            var asRead = read.EnumerateObject().Where(p => p.Name != "timeline").Select(p => $"{p.Name}={p.Value.GetRawText()}");
            Assert.Equal(asRead, asCreated);
        }
        Assert.Equal("student", reported.Str("requester", "userName"));
        Assert.Equal(JsonValueKind.Null, logged.GetProperty("requester").ValueKind);
        Assert.Equal("water-leak", reported.Str("categoryCode"));
        Assert.Equal("E-01-101", reported.Str("roomCode"));
    }

    [Fact]
    public async Task A_requesters_report_is_owned_by_whoever_is_on_duty_in_the_receiving_post_then()
    {
        // Monday 11-30 10:00: water2 has the water-duty day shift.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();

        Assert.Equal("water2", r.Str("firstContactOwner", "userName"));
        Assert.Equal("刘海", r.Str("firstContactOwner", "displayName"));
        Assert.Equal("water2", r.Str("handler", "userName"));
        Assert.Equal("Submitted", r.Str("status"));
        Assert.Equal("0", r.Str("escalationLevel"));
        Assert.Equal(0, r.GetProperty("coOwners").GetArrayLength());
        Assert.Equal("false", r.Str("overdue"));
        Assert.Matches(@"^HQ-2026-\d{6}$", r.Str("number"));
    }

    [Fact]
    public async Task When_the_person_on_duty_is_away_their_delegate_owns_the_request()
    {
        // Monday 12-07 22:00: water2's night shift, but water2 is on leave and leader-water stands in.
        var (app, web) = await StartAsync(Beijing(12, 7, 22, 0));
        await using var running = app;
        var r = await web.As("teacher").ReportAsync(category: "power-outage", urgency: "Emergency").CreatedAsync();

        Assert.Equal("leader-water", r.Str("firstContactOwner", "userName"));
    }

    [Fact]
    public async Task Staff_logging_a_call_own_it_and_the_caller_is_recorded()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var r = await web.As("frontdesk")
            .ReportAsync(category: "door-lock", extra: new { channel = "Phone", caller = new { name = "赵老师", phone = "13800001111" } })
            .CreatedAsync();

        Assert.Equal("frontdesk", r.Str("firstContactOwner", "userName"));
        // A door lock is the repair post's: repair1 has its Monday shift (LoggedRequestTests has the rest).
        Assert.Equal("repair1", r.Str("handler", "userName"));
        Assert.Equal("Phone", r.Str("channel"));
        Assert.Equal("赵老师", r.Str("caller", "name"));
        Assert.Equal("13800001111", r.Str("caller", "phone"));

        var asStudent = await web.As("student").ReportAsync(extra: new { channel = "Phone", caller = new { name = "x", phone = "1" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, asStudent.StatusCode);
        var noCaller = await web.As("frontdesk").ReportAsync(extra: new { channel = "Counter" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noCaller.StatusCode);
        Assert.Contains("caller.name", (await noCaller.JsonAsync()).GetProperty("errors").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_normal_request_on_friday_afternoon_is_acknowledged_by_monday_on_the_working_clock()
    {
        var (app, web) = await StartAsync(Beijing(12, 4, 16, 50));
        await using var running = app;
        var r = await web.As("student").ReportAsync(category: "furniture").CreatedAsync();

        // 10 working minutes are left on Friday (office closes 17:00); the other 20 run from Monday 08:00.
        Assert.Equal(Beijing(12, 7, 8, 20), r.Instant("acknowledgeBy"));
        // One working day (7.5 h): Friday 10 min, Monday 08:00–12:00, then 13:30 + 200 min.
        Assert.Equal(Beijing(12, 7, 16, 50), r.Instant("arriveBy"));
        // Three working days end on Wednesday afternoon.
        Assert.Equal(Beijing(12, 9, 16, 50), r.Instant("resolveBy"));
        Assert.Equal("false", r.Str("commitments", "provisional"));
    }

    [Fact]
    public async Task An_emergency_runs_on_the_24x7_clock()
    {
        var (app, web) = await StartAsync(Beijing(12, 4, 16, 50));
        await using var running = app;
        var r = await web.As("student").ReportAsync(category: "water-leak", urgency: "Emergency").CreatedAsync();

        Assert.Equal(Beijing(12, 4, 17, 0), r.Instant("acknowledgeBy"));
        Assert.Equal(Beijing(12, 4, 17, 10), r.Instant("arriveBy"));
        Assert.Equal(Beijing(12, 5, 16, 50), r.Instant("resolveBy"));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_request_without_a_duplicate()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var student = web.As("student");
        var first = await student.ReportAsync(key: "k-1").CreatedAsync();
        var again = await student.ReportAsync(key: "k-1");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var replay = await again.JsonAsync();
        Assert.Equal(first.Id(), replay.Id());
        Assert.Equal(first.Str("number"), replay.Str("number"));
        Assert.Equal(1, await CountAsync(app));

        // Another person's key is theirs alone; a key reused for a different request is refused.
        await web.As("teacher").ReportAsync(key: "k-1").CreatedAsync();
        var reused = await student.ReportAsync(category: "lighting", key: "k-1");
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", await reused.CodeAsync());
        Assert.Equal(2, await CountAsync(app));
    }

    [Fact]
    public async Task Concurrent_reports_get_distinct_consecutive_numbers()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => web.As(i % 2 == 0 ? "student" : "teacher").ReportAsync().CreatedAsync()));

        var numbers = results.Select(r => r.Str("number")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"HQ-2026-{i:D6}"), numbers);
    }

    [Fact]
    public async Task Malformed_reports_name_the_field()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var student = web.As("student");
        foreach (var (response, field) in new[]
        {
            (await student.ReportAsync(category: "no-such"), "categoryCode"),
            (await student.ReportAsync(room: "X-99"), "roomCode"),
            (await student.ReportAsync(urgency: "7"), "urgency"),
            (await student.ReportAsync(extra: new { description = " " }), "description"),
        })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(0, await CountAsync(app));
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ServiceRequest>().CountAsync(TestContext.Current.CancellationToken);
    }
}
