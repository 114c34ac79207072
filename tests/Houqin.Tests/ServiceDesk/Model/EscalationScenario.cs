using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Houqin.Infrastructure.Calendar;

namespace Houqin.Tests.ServiceDesk.Model;

/// <summary>
/// One seeded run: requests of random categories and urgencies logged over simulated weeks, random steps on them
/// (acknowledge or not, hand-offs accepted, declined, re-routed or left to time out, arrivals, pauses, extensions,
/// completions), random calendar edits, random clock advances and two restarts. After every advance the ladder's
/// audit events and the requests' rows must be exactly what <see cref="EscalationModel"/> says.
/// </summary>
internal sealed class EscalationScenario(int seed, int requestCount)
{
    private static readonly string[] Receivers = ["water1", "water2", "leader-water", "repair1", "repair2", "property1", "frontdesk2"];
    private static readonly string[] Posts = ["water-duty", "repair-duty", "cleaning"];

    // Past the sweeper's per-sweep ceiling (batches × batch size) the rest would wait for the next sweep by design.
    private const int MostDuePerAdvance = 4_000;

    private readonly Random rng = new(seed);

    // A long run (the bar's 10,000) says how far it got here.
    private readonly string? progress = Environment.GetEnvironmentVariable("HOUQIN_MODEL_PROGRESS");
    private readonly Dictionary<Guid, int> levelsSeen = [];
    private ModelDesk desk = null!;
    private EscalationModel model = null!;
    private ModelCalendar calendar = null!;
    private List<ModelKind> kinds = [];
    private List<ModelRoom> rooms = [];
    private long lastSequence;
    private int created;

    public Dictionary<string, TimeSpan> Spent { get; } = [];

    private async Task Timed(string what, Func<Task> work)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await work();
        Spent[what] = Spent.GetValueOrDefault(what) + System.Diagnostics.Stopwatch.GetElapsedTime(start);
    }

    public int Advances { get; private set; }

    public int Steps { get; private set; }

    public int Escalations { get; private set; }

    public int Restarts { get; private set; }

    public int CalendarEdits { get; private set; }

    public async Task RunAsync()
    {
        desk = await ModelDesk.StartAsync();
        await using var running = new AsyncDisposer(() => desk.DisposeAsync());
        calendar = await ModelCalendar.LoadAsync(desk.Services, TestContext.Current.CancellationToken);
        var (rungs, handOff) = await desk.LadderTimesAsync();
        model = new EscalationModel(calendar, rungs, handOff);
        kinds = await desk.KindsAsync();
        var allRooms = await desk.RoomsAsync();
        rooms = [.. allRooms.GroupBy(r => r.Place).SelectMany(g => g.OrderBy(_ => rng.Next()).Take(3))];
        lastSequence = await desk.LastAuditSequenceAsync();

        var creating = Math.Max(60, requestCount / 5);
        var total = creating + 40;
        for (var i = 0; i < total; i++)
        {
            if (i == total / 3 || i == 2 * total / 3)
            {
                await Timed("restart", desk.RestartAsync);
                Restarts++;
                await CompareStatesAsync(model.Requests.Keys, "after the restart");
            }
            if (rng.NextDouble() < 0.08)
            {
                await EditCalendarAsync();
            }
            var target = i < creating ? (int)((long)requestCount * (i + 1) / creating) : requestCount;
            await Timed("create", () => CreateAsync(target - created));
            foreach (var r in model.Requests.Values.Where(r => r.IsOpen).ToList())
            {
                var old = desk.Now - r.CreatedAt > TimeSpan.FromDays(4);
                if (rng.NextDouble() < (old ? 0.5 : 0.07))
                {
                    await Timed("act", () => ActAsync(r, pushOn: old));
                }
            }
            await AdvanceAndCheckAsync();
            if (progress is not null && i % 20 == 0)
            {
                await File.AppendAllTextAsync(progress, $"{DateTime.UtcNow:HH:mm:ss} iteration {i}/{total}: {created} requests, {Steps} steps, {Escalations} escalations, {Restarts} restarts\n");
            }
        }
        await CompareStatesAsync(model.Requests.Keys, "at the end");
    }

    private async Task EditCalendarAsync()
    {
        var today = WorkingCalendar.LocalDate(desk.Now);
        if (calendar.Edited.Count > 0 && rng.NextDouble() < 0.3)
        {
            var date = calendar.Edited.OrderBy(d => d).ElementAt(rng.Next(calendar.Edited.Count));
            await desk.RemoveDayAsync(date);
            calendar.Remove(date);
        }
        else
        {
            var date = today.AddDays(rng.Next(0, 21));
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var (kind, name) = weekend ? (CalendarDayKind.MakeUpWorkday, "模型调休") : (CalendarDayKind.DayOff, "模型假日");
            await desk.SetDayAsync(date, kind, name);
            calendar.Set(date, kind, name);
        }
        CalendarEdits++;
    }

    private async Task CreateAsync(int count)
    {
        if (count <= 0)
        {
            return;
        }
        var frontdesk = desk.As("frontdesk");
        var now = desk.Now;
        var made = new List<(Guid Id, string Number, ModelKind Kind, ModelRoom Room, JsonElement Json)>();
        for (var n = 0; n < count; n++)
        {
            var kind = kinds[rng.Next(kinds.Count)];
            var room = rooms[rng.Next(rooms.Count)];
            var json = await frontdesk
                .ReportAsync(kind.Category, room.Code, kind.Urgency, extra: new { channel = "Phone", caller = new { name = "赵老师", phone = "13800001111" } })
                .CreatedAsync();
            made.Add((Guid.Parse(json.Id()), json.Str("number"), kind, room, json));
        }
        var rungs = await desk.RungsByRequestAsync([.. made.Select(m => m.Id)]);
        foreach (var m in made)
        {
            var r = model.Created(m.Id, m.Number, m.Room.Place, rungs[m.Id], (m.Kind.Ack, m.Kind.Arrive, m.Kind.Resolve), m.Json.Str("handler", "userName"), now);
            r.History.Insert(0, $"{m.Kind.Category} {m.Kind.Urgency} in {m.Room.Code} ({m.Room.Place})");
            foreach (var (name, expected) in new[] { ("acknowledgeBy", r.AcknowledgeBy), ("arriveBy", r.ArriveBy), ("resolveBy", r.ResolveBy) })
            {
                var actual = m.Json.Instant(name).UtcDateTime;
                Check(actual == expected, r, $"its commitment {name} is {EscalationModel.Local(actual)}; the policy and calendar give {EscalationModel.Local(expected)}");
            }
        }
        created += count;
    }

    /// <summary>One random step that the request's state allows; pushed on, it takes the next step towards done.</summary>
    private async Task ActAsync(RequestModel r, bool pushOn)
    {
        if (r.ExtensionAskedFor is not null && rng.NextDouble() < 0.5)
        {
            var approve = rng.NextDouble() < 0.6;
            await StepAsync(r, "director", approve ? "extension/approve" : "extension/reject", null);
            model.ExtensionRuled(r, approve, desk.Now);
            return;
        }
        var roll = pushOn ? -1 : rng.NextDouble();
        switch (r.Status)
        {
            case ModelStatus.Submitted when roll < 0.45:
                await AcknowledgeAsync(r);
                break;
            case ModelStatus.Acknowledged when roll < 0.45:
                await StepAsync(r, r.Handler, "arrive", null);
                model.ArrivedOnSite(r, desk.Now);
                break;
            case ModelStatus.Submitted or ModelStatus.Acknowledged when roll < 0.75:
                await HandOffAsync(r);
                break;
            case ModelStatus.HandedOff when roll < 0.4:
                await StepAsync(r, r.Receiver!, "accept-handoff", null);
                model.Accepted(r, desk.Now);
                break;
            case ModelStatus.HandedOff when roll < 0.65:
                await StepAsync(r, r.Receiver!, "decline-handoff", new { reason = "不归我们班组" });
                model.Declined(r, desk.Now);
                break;
            case ModelStatus.HandedOff when roll < 0.8:
                await HandOffAsync(r);
                break;
            case ModelStatus.OnSite when roll < 0.45:
                await StepAsync(r, r.Handler, "complete", new { method = "更换", result = "已修好", materials = new[] { "阀门 1 个" } });
                model.Completed(r, desk.Now);
                break;
            case ModelStatus.OnSite when roll < 0.7:
                await StepAsync(r, r.Handler, "pause", new { reason = "等配件" });
                model.Paused(r, desk.Now, paused: true);
                break;
            case ModelStatus.Paused when roll < 0.6:
                await StepAsync(r, r.Handler, "resume", null);
                model.Paused(r, desk.Now, paused: false);
                break;
            case ModelStatus.Submitted or ModelStatus.Acknowledged or ModelStatus.OnSite or ModelStatus.Paused
                when roll < 0.82 && r.ExtensionAskedFor is null && desk.Now < r.ResolveBy:
                var to = r.ResolveBy + TimeSpan.FromMinutes(rng.Next(60, 72 * 60));
                await StepAsync(r, "frontdesk", "extension", new { resolveBy = to.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), reason = "等配件到货" });
                model.ExtensionAsked(r, to, desk.Now);
                break;
            default:
                return; // left alone: time will tell
        }
    }

    private async Task AcknowledgeAsync(RequestModel r)
    {
        await StepAsync(r, r.Handler, "acknowledge", null);
        model.Acknowledged(r, desk.Now);
    }

    private async Task HandOffAsync(RequestModel r)
    {
        object body;
        if (rng.NextDouble() < 0.25)
        {
            body = new { toPostCode = Posts[rng.Next(Posts.Length)], reason = "请值班人员处理" };
        }
        else
        {
            var to = Receivers.Where(p => p != r.Handler).ToList();
            body = new { toUserName = to[rng.Next(to.Count)], reason = "请专业人员处理" };
        }
        // Whoever is on duty at a post may already handle it: refused (422) and nothing changes.
        var json = await StepAsync(r, "frontdesk", "handoff", body, mayBeInvalid: true);
        if (json is { } done)
        {
            model.HandedOff(r, done.Str("handOff", "to", "userName"), desk.Now);
        }
    }

    private async Task<JsonElement?> StepAsync(RequestModel r, string userName, string step, object? body, bool mayBeInvalid = false)
    {
        var response = await desk.As(userName).StepAsync(RequestRef(r), step, body);
        var json = await response.JsonAsync();
        Steps++;
        if (mayBeInvalid && response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return null;
        }
        Check(response.StatusCode == HttpStatusCode.OK, r, $"{userName} {step}: {(int)response.StatusCode} {json}");
        return json;
    }

    private async Task AdvanceAndCheckAsync()
    {
        var by = RandomAdvance();
        while (by > TimeSpan.FromMinutes(1) && model.Requests.Values.Sum(r => r.Timers.Count(t => t.Due <= desk.Now + by)) > MostDuePerAdvance)
        {
            by /= 2;
        }
        by = TimeSpan.FromMinutes(Math.Max(1, (int)by.TotalMinutes));
        var before = desk.Now;
        await Timed("advance", () => desk.AdvanceAsync(by));
        Advances++;
        var now = desk.Now;
        var expected = model.Sweep(now);
        var observed = (await desk.LadderEventsAsync(lastSequence)).Where(e => model.Requests.ContainsKey(e.Request)).ToList();
        lastSequence = observed.Count > 0 ? observed[^1].Sequence : await desk.LastAuditSequenceAsync();
        foreach (var e in observed)
        {
            var r = model.Requests[e.Request];
            Check(e.Actor == "system", r, $"a ladder event by {e.Actor}, not the system");
            if (e.Action == "escalated")
            {
                var seen = levelsSeen.GetValueOrDefault(e.Request);
                Check(e.Level > seen && e.Level <= EscalationModel.Director, r, $"escalated to level {e.Level} after level {seen}: a rung twice, or past the director");
                levelsSeen[e.Request] = e.Level;
                Escalations++;
            }
        }
        var missing = expected.Select(x => (x.Request, x.Action, x.Level, x.Note)).ToList();
        var extra = new List<Observed>();
        foreach (var e in observed)
        {
            if (!missing.Remove((e.Request, e.Action, e.Level, e.Note)))
            {
                extra.Add(e);
            }
        }
        var window = $"in the sweep of the advance from {EscalationModel.Local(before)} to {EscalationModel.Local(now)}";
        foreach (var e in extra)
        {
            Check(false, model.Requests[e.Request], $"{window} the log has '{Describe(e)}', which the model does not expect then (early, twice, or never due)");
        }
        foreach (var m in missing)
        {
            Check(false, model.Requests[m.Request], $"{window} the model expects '{new Expected(m.Request, m.Action, m.Level, m.Note)}', which the log does not have (late or missing)");
        }
        var touched = model.Requests.Values.Where(r => r.IsOpen || r.Timers.Count > 0).Select(r => r.Id).Concat(expected.Select(x => x.Request)).ToHashSet();
        await Timed("compare", () => CompareStatesAsync(touched, window));
    }

    private static string Describe(Observed e) => e.Action == "escalated" ? $"escalated to {e.Level} ({e.Note})" : $"overdue ({e.Note})";

    private async Task CompareStatesAsync(IReadOnlyCollection<Guid> ids, string when)
    {
        var states = await desk.StatesAsync(ids);
        foreach (var id in ids)
        {
            var r = model.Requests[id];
            var s = states[id];
            var status = r.Status.ToString();
            // A completion confirms itself after the policy's days: the same to the ladder.
            var sameStatus = s.Status == status || (r.Status == ModelStatus.Completed && s.Status == "Confirmed");
            Check(
                s.Level == r.Level && s.Overdue == r.Overdue && s.Waiting == r.Waiting.ToString() && sameStatus,
                r,
                $"{when} its row says level {s.Level}, overdue {s.Overdue}, waiting for {s.Waiting}, {s.Status}; the model says level {r.Level}, overdue {r.Overdue}, waiting for {r.Waiting}, {status}"
            );
        }
    }

    /// <summary>Mostly minutes, often hours, sometimes a day or more: sweeps both inside and across office hours.</summary>
    private TimeSpan RandomAdvance()
    {
        var roll = rng.NextDouble();
        return roll < 0.6 ? TimeSpan.FromMinutes(rng.Next(1, 61))
            : roll < 0.9 ? TimeSpan.FromMinutes(rng.Next(60, 6 * 60))
            : TimeSpan.FromMinutes(rng.Next(6 * 60, 40 * 60));
    }

    private static JsonElement RequestRef(RequestModel r) => JsonDocument.Parse($"{{\"id\":\"{r.Id}\"}}").RootElement.Clone();

    private void Check(bool ok, RequestModel r, string what)
    {
        if (ok)
        {
            return;
        }
        var message = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Seed {seed} (HOUQIN_MODEL_SEED={seed} HOUQIN_MODEL_REQUESTS={requestCount} reproduces it), request {r.Number} ({r.Id}):")
            .AppendLine(what)
            .AppendLine("Its history in the model:");
        foreach (var h in r.History)
        {
            message.AppendLine("  " + h);
        }
        Assert.Fail(message.ToString());
    }

    private sealed class AsyncDisposer(Func<ValueTask> dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => dispose();
    }
}
