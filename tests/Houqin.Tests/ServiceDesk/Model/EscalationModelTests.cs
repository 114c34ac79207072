using System.Diagnostics;
using System.Globalization;

namespace Houqin.Tests.ServiceDesk.Model;

/// <summary>
/// QUALITY.md's escalation bar, model-based on the fake clock: simulated requests over random calendars, pauses
/// and hand-offs each escalate within one sweep of their due instant, never early, never twice, also across
/// restarts. <c>HOUQIN_MODEL_SEED</c> replays a run; <c>HOUQIN_MODEL_REQUESTS</c> sizes it (the bar's 10,000 is
/// too slow for every build).
/// </summary>
public class EscalationModelTests
{
    private const int DefaultRequests = 100;

    [Fact]
    public async Task Every_request_climbs_at_the_first_sweep_past_its_due_instant_never_early_never_twice_and_across_restarts()
    {
        var seed = Environment.GetEnvironmentVariable("HOUQIN_MODEL_SEED") is { Length: > 0 } s
            ? int.Parse(s, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var count = Environment.GetEnvironmentVariable("HOUQIN_MODEL_REQUESTS") is { Length: > 0 } n
            ? int.Parse(n, CultureInfo.InvariantCulture)
            : DefaultRequests;
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"HOUQIN_MODEL_SEED={seed} HOUQIN_MODEL_REQUESTS={count}");
        var scenario = new EscalationScenario(seed, count);
        var watch = Stopwatch.StartNew();

        await scenario.RunAsync();

        output?.WriteLine(
            $"{count} requests, {scenario.Steps} steps, {scenario.Advances} advances, {scenario.Escalations} escalations, "
                + $"{scenario.CalendarEdits} calendar edits, {scenario.Restarts} restarts in {watch.Elapsed.TotalSeconds:0} s"
        );
        output?.WriteLine(string.Join(", ", scenario.Spent.Select(kv => $"{kv.Key} {kv.Value.TotalSeconds:0.0} s")));
        Assert.Equal(2, scenario.Restarts);
        Assert.True(scenario.Escalations > count / 10, $"only {scenario.Escalations} escalations: the scenario hardly exercised the ladder (seed {seed})");
    }
}
