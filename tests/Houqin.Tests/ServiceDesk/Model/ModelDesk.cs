using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Policies;
using PolicyStore = Houqin.Infrastructure.Policies.Policies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.ServiceDesk.Model;

/// <summary>A category and urgency a scenario may report, with the commitments the policy in force gives it.</summary>
internal sealed record ModelKind(string Category, string Urgency, ModelTarget Ack, ModelTarget Arrive, ModelTarget Resolve);

internal sealed record ModelRoom(string Code, WorkingPlace Place);

/// <summary>A system audit event of the ladder, as the log holds it.</summary>
internal sealed record Observed(long Sequence, Guid Request, string Actor, string Action, int Level, string Note);

/// <summary>What the request's row says about its ladder.</summary>
internal sealed record ObservedState(Guid Id, string Status, int Level, bool Overdue, string Waiting);

/// <summary>
/// The running application as the model test drives and reads it: requests and steps over HTTP (every staff member
/// signed in by the test header), the clock and the calendar through their APIs, and the database read directly for
/// the ladder's audit events and the requests' rows. Restarting stops this server and starts a new one on the same
/// database with the clock where it was.
/// </summary>
internal sealed class ModelDesk : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);
    private TestApp app;
    private WebApplicationFactory<Program> web;

    private ModelDesk(TestApp app)
    {
        this.app = app;
        web = app.WithTestSignIn();
    }

    public static async Task<ModelDesk> StartAsync()
    {
        var app = await TestApp.StartAsync();
        // Thousands of requests logged by one person in minutes of real time: the intake's limits are for people.
        app.Configure("Houqin:RateLimits:IntakePerUserPerMinute", "1000000").Configure("Houqin:RateLimits:IntakePerIpPerMinute", "1000000");
        return new ModelDesk(app);
    }

    public IServiceProvider Services => web.Services;

    public DateTime Now => web.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    public HttpClient As(string userName)
    {
        if (!clients.TryGetValue(userName, out var client))
        {
            client = web.ClientAs(userName);
            clients[userName] = client;
        }
        return client;
    }

    public async Task RestartAsync()
    {
        var at = new DateTimeOffset(Now, TimeSpan.Zero);
        var next = app.Reopen(at);
        await DisposeAsync();
        app = next;
        web = app.WithTestSignIn();
        Assert.Equal(at.UtcDateTime, Now);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in clients.Values)
        {
            c.Dispose();
        }
        clients.Clear();
        await app.DisposeAsync();
    }

    /// <summary>Moves the clock; the sweep runs before the answer. Answers how many deadlines it fired.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        using var client = web.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/test-clock/advance", new { by = System.Xml.XmlConvert.ToString(by) }, Ct);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"advance: {(int)response.StatusCode} {json}");
        Assert.True(json.GetProperty("failed").GetInt32() == 0, $"a deadline failed to fire: {json}");
        return json.GetProperty("fired").GetInt32();
    }

    public async Task<List<ModelKind>> KindsAsync()
    {
        var json = await (await As("frontdesk").GetAsync("/api/v1/service-categories", Ct)).JsonAsync();
        static ModelTarget T(JsonElement t) => new(t.GetProperty("minutes").GetInt32(), t.Str("clock") == "24x7");
        return
        [
            .. json.EnumerateArray()
                .Where(c => c.GetProperty("parentCode").ValueKind == JsonValueKind.String)
                .SelectMany(c =>
                    c.GetProperty("commitments")
                        .EnumerateArray()
                        .Select(x => new ModelKind(c.Str("code"), x.Str("urgency"), T(x.GetProperty("acknowledge")), T(x.GetProperty("arrive")), T(x.GetProperty("resolve"))))
                ),
        ];
    }

    /// <summary>The ladder's rung times and the hand-off's acceptance time, as the policy in force states them.</summary>
    public async Task<(PolicyDuration[] Rungs, PolicyDuration HandOff)> LadderTimesAsync()
    {
        var policy = await web.Services.GetRequiredService<PolicyStore>().CurrentAsync(Ct);
        string[] rungs = ["teamLeader", "deputyDirector", "director"];
        return ([.. rungs.Select(r => policy.Duration($"serviceDesk.escalation.{r}.actWithin"))], policy.Duration("serviceDesk.handOff.acceptWithin"));
    }

    public async Task<List<ModelRoom>> RoomsAsync()
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rooms = await (
            from room in db.Set<Room>()
            join b in db.Set<Building>() on room.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            orderby room.Code
            select new { room.Code, Campus = c.Code, c.RegionCode }
        ).ToListAsync(Ct);
        return [.. rooms.Select(r => new ModelRoom(r.Code, new WorkingPlace(r.Campus, r.RegionCode.Length > 0 ? r.RegionCode : null)))];
    }

    /// <summary>Who holds each rung of each new request's team, by user name (null: the team has no such rung, and the ladder skips it).</summary>
    public async Task<Dictionary<Guid, string?[]>> RungsByRequestAsync(IReadOnlyCollection<Guid> ids)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.UserName, Ct);
        var director = await db.Set<Office>().Select(o => o.DirectorId).FirstOrDefaultAsync(Ct);
        string? Name(Guid? id) => id is { } i ? names[i] : null;
        var teams = await db.Set<Team>().ToDictionaryAsync(t => t.Id, t => new[] { Name(t.LeaderId), Name(t.DeputyDirectorId), Name(director) }, Ct);
        var requestTeams = await db.Set<ServiceRequest>().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.TeamId }).ToListAsync(Ct);
        return requestTeams.ToDictionary(r => r.Id, r => teams[r.TeamId]);
    }

    public async Task<long> LastAuditSequenceAsync()
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<AuditEvent>().MaxAsync(e => (long?)e.Sequence, Ct) ?? 0;
    }

    /// <summary>The ladder's events (escalated, overdue) written after <paramref name="after"/>, by anyone.</summary>
    public async Task<List<Observed>> LadderEventsAsync(long after)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db
            .Set<AuditEvent>()
            .Where(e => e.Sequence > after && (e.Action == "service_request.escalated" || e.Action == "service_request.overdue"))
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.SubjectId, e.Actor, e.Action, e.Data, e.Reason })
            .ToListAsync(Ct);
        return
        [
            .. rows.Select(e =>
            {
                using var data = JsonDocument.Parse(e.Data);
                var level = data.RootElement.TryGetProperty("level", out var l) ? l.GetInt32() : 0;
                return new Observed(e.Sequence, Guid.Parse(e.SubjectId), e.Actor, e.Action["service_request.".Length..], level, e.Reason ?? "");
            }),
        ];
    }

    public async Task<Dictionary<Guid, ObservedState>> StatesAsync(IReadOnlyCollection<Guid> ids)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var states = new Dictionary<Guid, ObservedState>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db
                .Set<ServiceRequest>()
                .Where(r => chunk.Contains(r.Id))
                .Select(r => new { r.Id, r.Status, r.EscalationLevel, r.Overdue, r.LadderWaitingFor })
                .ToListAsync(Ct);
            foreach (var r in rows)
            {
                states[r.Id] = new ObservedState(r.Id, r.Status.ToString(), r.EscalationLevel, r.Overdue, r.LadderWaitingFor.ToString());
            }
        }
        return states;
    }

    public async Task SetDayAsync(DateOnly date, CalendarDayKind kind, string name)
    {
        var response = await As("admin").PutAsJsonAsync($"/api/v1/calendar/days/{Iso(date)}", new { kind = kind.ToString(), name }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"calendar {Iso(date)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    public async Task RemoveDayAsync(DateOnly date)
    {
        var response = await As("admin").DeleteAsync($"/api/v1/calendar/days/{Iso(date)}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
