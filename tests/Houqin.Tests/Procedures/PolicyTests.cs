using System.Net;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.Procedures.Rules;

namespace Houqin.Tests.Procedures;

public class PolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string NormalResolve = "serviceDesk.commitments.default.normal.resolve";

    [Fact]
    public async Task The_policy_in_force_is_version_1_with_every_parameter_labelled_in_the_readers_language()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();

        var policy = await web.ClientAs(null).GetAsync("/api/v1/policy", Ct).ExpectAsync();

        Assert.Equal(id, policy.GetProperty("procedureId").GetString());
        Assert.Equal(1, policy.GetProperty("version").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), policy.GetProperty("effectiveAt").GetDateTimeOffset());
        var tender = policy.GetProperty("parameters").GetProperty("procurement.tenderThreshold");
        Assert.Equal(1000m, tender.GetProperty("value").GetDecimal());
        Assert.Equal("Yuan", tender.GetProperty("unit").GetString());
        Assert.Equal("招标限额", tender.GetProperty("label").GetString());
        var resolve = policy.GetProperty("parameters").GetProperty(NormalResolve);
        Assert.Equal("P3D", resolve.GetProperty("value").GetString());
        Assert.Equal("WorkingTime", resolve.GetProperty("unit").GetString());
        Assert.Equal("服务承诺：各类别·一般报修·办结时限", resolve.GetProperty("label").GetString());
        var teamLeader = policy.GetProperty("parameters").GetProperty("authority.teamLeader.approveUpTo");
        Assert.Equal("班组长审批限额", teamLeader.GetProperty("label").GetString());
        // Every parameter the code reads is there, carried by version 1 or at the catalog's default.
        foreach (var p in Houqin.Infrastructure.Policies.PolicyCatalog.Defaults())
        {
            Assert.True(policy.GetProperty("parameters").TryGetProperty(p.Key, out _), p.Key);
        }

        var english = web.ClientAs(null);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var inEnglish = await english.GetAsync("/api/v1/policy", Ct).ExpectAsync();
        Assert.Equal("Tender threshold", inEnglish.GetProperty("parameters").GetProperty("procurement.tenderThreshold").GetProperty("label").GetString());
        Assert.Equal("team leader approves up to", inEnglish.GetProperty("parameters").GetProperty("authority.teamLeader.approveUpTo").GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_new_commitment_approved_and_effective_changes_the_resolve_by_of_the_next_request_but_not_of_an_older_one()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();
        var director = web.As("director");
        // Version 2, in consultation, also shortens the resolve commitment of normal requests to one working day.
        await director.SetParameterAsync(id, 2, NormalResolve, "P1D").ExpectAsync();
        await web.SubmitVersion2Async(id);
        // Monday 12-14 09:00: the meeting approves it, in force from Tuesday 09:00.
        await web.As("principal-office").ApproveAsync(id, 2, Beijing(12, 15, 9, 0), "2026-12-14").ExpectAsync();

        var older = await web.As("student").ReportAsync().CreatedAsync();
        // Three working days of 7.5 office hours from Monday 09:00: Thursday 09:00, under version 1.
        Assert.Equal(Beijing(12, 17, 9, 0), older.Instant("resolveBy"));

        await web.AdvanceAsync("P1D");
        var next = await web.As("student").ReportAsync().CreatedAsync();

        // One working day from Tuesday 09:00: Wednesday 09:00, under version 2.
        Assert.Equal(Beijing(12, 16, 9, 0), next.Instant("resolveBy"));
        Assert.Equal(Beijing(12, 17, 9, 0), (await web.As("student").GetRequestAsync(older)).Instant("resolveBy"));
        var policy = await web.ClientAs(null).GetAsync("/api/v1/policy", Ct).ExpectAsync();
        Assert.Equal(2, policy.GetProperty("version").GetInt32());
        Assert.Equal(Beijing(12, 15, 9, 0), policy.GetProperty("effectiveAt").GetDateTimeOffset());
        Assert.Equal("P1D", policy.GetProperty("parameters").GetProperty(NormalResolve).GetProperty("value").GetString());
        Assert.Equal("PT4H", policy.GetProperty("parameters").GetProperty("serviceDesk.commitments.default.normal.arrive").GetProperty("value").GetString());
    }

    [Fact]
    public async Task An_approval_by_anyone_but_the_principals_office_is_refused()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();
        await web.SubmitVersion2Async(id);

        foreach (var who in new[] { "director", "deputy", "admin", "auditor", "teacher", "water2" })
        {
            var response = await web.As(who).ApproveAsync(id, 2, Beijing(12, 15, 9, 0), "2026-12-14");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who}: {(int)response.StatusCode}");
            await web.As(who).PostAsync(VersionUrl(id, 2, "send-back"), new { reason = "不同意" }).ExpectAsync(HttpStatusCode.Forbidden);
        }
        await web.ClientAs(null).ApproveAsync(id, 2, Beijing(12, 15, 9, 0), "2026-12-14").ExpectAsync(HttpStatusCode.Unauthorized);
        var v2 = await web.As("director").GetAsync(VersionUrl(id, 2), Ct).ExpectAsync();
        Assert.Equal("Submitted", v2.Str("status"));

        var approved = await web.As("principal-office").ApproveAsync(id, 2, Beijing(12, 15, 9, 0), "2026-12-14").ExpectAsync();
        Assert.Equal("Approved", approved.Str("status"));
        Assert.Equal("校办决〔2026〕88号", approved.Str("approval", "resolutionNo"));
        Assert.Equal("2026-12-14", approved.Str("approval", "meetingDate"));
    }
}
