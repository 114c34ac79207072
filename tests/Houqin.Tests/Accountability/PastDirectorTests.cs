using System.Text.Json;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Accountability;

/// <summary>A commitment still unmet when the director's rung has had its time (8 working hours by default) opens a case.</summary>
public class PastDirectorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_left_unmet_past_the_directors_rung_opens_a_case_against_its_owner_and_handler()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var frontdesk = web.As("frontdesk");
        var r = await frontdesk.LogCallAsync();
        var done = await frontdesk.LogCallAsync();

        // Monday 09:00: unacknowledged, each rung's 30 working minutes pass; at 10:30 the director is on it.
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await web.AdvanceAsync("PT30M");
        }
        Assert.Equal(3, (await frontdesk.GetRequestAsync(r)).Level());
        Assert.Equal(3, (await frontdesk.GetRequestAsync(done)).Level());
        await frontdesk.OkAsync(done, "acknowledge");
        await frontdesk.OkAsync(done, "arrive");
        await frontdesk.OkAsync(done, "complete", new { method = "关闭总阀", result = "已修好", materials = new[] { "阀门 DN15" } });

        await web.AdvanceAsync("PT1H");
        Assert.Empty(await web.As("director").CasesAboutAsync(r, done));

        // The demo's own open requests may climb too; only these two matter here.
        await web.AdvanceAsync("P3D");
        var c = Assert.Single(await web.As("director").CasesAboutAsync(r, done));
        Assert.Equal(("PastDirector", "CommitmentBreach", "AwaitingInvestigator"), (c.Str("origin"), c.Str("ground"), c.Str("status")));
        // 谁承办、谁负责: the front desk owns the call it logged, water2 (on the water post) was to handle it.
        Assert.Equal(["frontdesk", "water2"], c.Accused().Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, c.GetProperty("openedBy").ValueKind);
        var evidence = c.GetProperty("evidence").EnumerateArray().ToList();
        // With two accused, PostgreSQL returns the evidence rows in another order: the request is among them, not first.
        Assert.Equal(r.Id(), Assert.Single(evidence, e => e.Str("kind") == "Request").Str("ref"));
        Assert.True(evidence.Count(e => e.Str("kind") == "AuditEvent") >= 3, c.ToString());
        Assert.All(evidence.Where(e => e.Str("kind") == "AuditEvent"), e => Assert.StartsWith("/api/v1/audit/events/", e.Str("link")));
        Assert.Equal("system", Assert.Single((await web.As("director").GetCaseAsync(c)).GetProperty("timeline").EnumerateArray()).Str("actor"));
        Assert.Single(await frontdesk.CasesAboutAsync(r, done));
    }
}
