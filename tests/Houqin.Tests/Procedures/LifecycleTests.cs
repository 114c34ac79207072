using System.Net;
using System.Net.Http.Json;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.Procedures.Rules;

namespace Houqin.Tests.Procedures;

public class LifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_version_goes_from_consultation_to_force_and_the_next_from_draft_to_the_meeting_and_back_every_step_audited()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();
        var director = web.As("director");
        // One version in the works at a time.
        await director.PostAsync($"/api/v1/procedures/{id}/versions").RefusedAsync(HttpStatusCode.Conflict, "draft_in_progress");

        await web.SubmitVersion2Async(id);
        await web.As("principal-office").ApproveAsync(id, 2, Beijing(12, 15, 9, 0), "2026-12-14").ExpectAsync();
        Assert.Equal("Approved", (await director.GetAsync(VersionUrl(id, 2), Ct).ExpectAsync()).Str("status"));
        Assert.Equal("InForce", (await director.GetAsync(VersionUrl(id, 1), Ct).ExpectAsync()).Str("status"));
        await web.AdvanceAsync("P1D");

        Assert.Equal("InForce", (await director.GetAsync(VersionUrl(id, 2), Ct).ExpectAsync()).Str("status"));
        var v1 = await director.GetAsync(VersionUrl(id, 1), Ct).ExpectAsync();
        Assert.Equal("Superseded", v1.Str("status"));
        Assert.Equal(Beijing(12, 15, 9, 0), v1.GetProperty("supersededAt").GetDateTimeOffset());
        Assert.Equal(
            new[] { "procedure.consultation_closed", "procedure.comment_answered", "procedure.submitted", "procedure.approved", "procedure.took_effect" },
            await web.AuditAsync(2)
        );
        Assert.Equal("procedure.superseded", (await web.AuditAsync(1)).Last());

        // Version 3: a draft copied from version 2, inside the office until its consultation.
        var created = await director.PostAsync($"/api/v1/procedures/{id}/versions").ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(3, created.GetProperty("version").GetInt32());
        var v3 = await director.GetAsync(VersionUrl(id, 3), Ct).ExpectAsync();
        Assert.Equal("Draft", v3.Str("status"));
        Assert.Equal(8, v3.GetProperty("clauses").GetArrayLength());
        Assert.Equal("PT4H", v3.GetProperty("parameters").GetProperty("serviceDesk.commitments.default.normal.arrive").Str("value"));
        await web.ClientAs(null).GetAsync(VersionUrl(id, 3), Ct).ExpectAsync(HttpStatusCode.NotFound);
        await web.As("teacher").GetAsync(VersionUrl(id, 3), Ct).ExpectAsync(HttpStatusCode.NotFound);

        var written = await director.PutAsJsonAsync(VersionUrl(id, 3, "clauses/9"), new { heading = "附则", text = "<p>本规程由总务后勤处负责解释。</p><script>alert(1)</script>" }, Ct).ExpectAsync();
        Assert.Equal("<p>本规程由总务后勤处负责解释。</p>", written.GetProperty("clauses").EnumerateArray().Last().Str("text"));
        await director.DeleteAsync(VersionUrl(id, 3, "clauses/8"), Ct).ExpectAsync();
        await web.As("water2").PostAsync(VersionUrl(id, 3, "start-discussion")).RefusedAsync(HttpStatusCode.Forbidden, "not_allowed");
        await director.PostAsync(VersionUrl(id, 3, "start-discussion")).ExpectAsync();

        // The department discussion: staff comment; the public does not see it yet.
        await web.As("water2").PostAsync(VersionUrl(id, 3, "comments"), new { clause = 9, text = "建议写明解释权的联系人。" }).ExpectAsync(HttpStatusCode.Created);
        await web.As("teacher").PostAsync(VersionUrl(id, 3, "comments"), new { clause = 9, text = "?" }).ExpectAsync(HttpStatusCode.NotFound);
        await director.PostAsync(VersionUrl(id, 3, "start-consultation"), new { closesAt = "2026-12-15T08:00:00+08:00" }).RefusedAsync(HttpStatusCode.UnprocessableEntity, "closesAt");
        await director.PostAsync(VersionUrl(id, 3, "start-consultation"), new { closesAt = "2026-12-22T17:00:00+08:00" }).ExpectAsync();

        // The public consultation: a teacher comments; the public sees the comment without its author.
        var comment = await web.As("teacher").PostAsync(VersionUrl(id, 3, "comments"), new { clause = 3, text = "周末报修也应 4 小时到场。" }).ExpectAsync(HttpStatusCode.Created);
        await web.As("teacher").PostAsync(VersionUrl(id, 3, "comments"), new { clause = 42, text = "?" }).RefusedAsync(HttpStatusCode.UnprocessableEntity, "clause");
        var asPublic = await web.ClientAs(null).GetAsync(VersionUrl(id, 3, "comments"), Ct).ExpectAsync();
        var only = Assert.Single(asPublic.EnumerateArray());
        Assert.Equal("Teacher", only.Str("author", "kind"));
        Assert.Equal(JsonValueKindNull, only.GetProperty("author").GetProperty("displayName").ValueKind);
        Assert.Equal(2, (await director.GetAsync(VersionUrl(id, 3, "comments"), Ct).ExpectAsync()).GetArrayLength());
        await director.PostAsync(VersionUrl(id, 3, "submit")).RefusedAsync(HttpStatusCode.Conflict, "consultation_open");

        await web.AdvanceAsync("P8D");
        await director.PostAsync(VersionUrl(id, 3, "submit")).RefusedAsync(HttpStatusCode.Conflict, "comments_unanswered");
        await director.PostAsync(VersionUrl(id, 3, $"comments/{comment.Id()}/answer"), new { outcome = "Sometimes", reason = "x" }).RefusedAsync(HttpStatusCode.UnprocessableEntity, "outcome");
        var answered = await director.PostAsync(VersionUrl(id, 3, $"comments/{comment.Id()}/answer"), new { outcome = "NotAdopted", reason = "周末按紧急报修处理。" }).ExpectAsync();
        Assert.Equal("NotAdopted", answered.Str("outcome"));
        await director.PostAsync(VersionUrl(id, 3, "submit")).ExpectAsync();

        // The meeting sends it back: a draft again, with the reason, and the drafter is told.
        var back = await web.As("principal-office").PostAsync(VersionUrl(id, 3, "send-back"), new { reason = "请补充夜间报修的安排。" }).ExpectAsync();
        Assert.Equal("Draft", back.Str("status"));
        Assert.Equal("请补充夜间报修的安排。", back.Str("sentBackReason"));
        Assert.Equal(
            new[]
            {
                "procedure.drafted",
                "procedure.clause_written",
                "procedure.clause_removed",
                "procedure.discussion_started",
                "procedure.commented",
                "procedure.consultation_started",
                "procedure.commented",
                "procedure.consultation_closed",
                "procedure.comment_answered",
                "procedure.submitted",
                "procedure.sent_back",
            },
            await web.AuditAsync(3)
        );
        Assert.Single(await web.NoticesAsync("director", "procedure.sent_back"));
        // Version 2's consultation closed, then version 3's.
        Assert.Equal(2, (await web.NoticesAsync("director", "procedure.consultation_closed")).Count);
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal("system", (await db.Set<AuditEvent>().FirstAsync(e => e.Action == "procedure.took_effect", Ct)).Actor);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Published_versions_never_change()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();
        var director = web.As("director");

        await director.PutAsJsonAsync(VersionUrl(id, 1, "clauses/2"), new { heading = "首问负责制", text = "<p>改写</p>" }, Ct).RefusedAsync(HttpStatusCode.Conflict, "version_immutable");
        await director.DeleteAsync(VersionUrl(id, 1, "clauses/7"), Ct).RefusedAsync(HttpStatusCode.Conflict, "version_immutable");
        await director.SetParameterAsync(id, 1, "procurement.tenderThreshold", 2000).RefusedAsync(HttpStatusCode.Conflict, "version_immutable");
        await director.PostAsync(VersionUrl(id, 1, "start-discussion")).RefusedAsync(HttpStatusCode.Conflict, "invalid_state");

        var v1 = await director.GetAsync(VersionUrl(id, 1), Ct).ExpectAsync();
        Assert.Equal(1000m, v1.GetProperty("parameters").GetProperty("procurement.tenderThreshold").GetProperty("value").GetDecimal());
        Assert.Contains("推诿", v1.GetProperty("clauses")[1].Str("text"), StringComparison.Ordinal);
        Assert.Empty(await web.AuditAsync(1));
    }

    [Fact]
    public async Task Anyone_reads_the_version_in_force_and_the_consultation_without_signing_in_but_no_draft()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var anonymous = web.ClientAs(null);

        var list = await anonymous.GetAsync("/api/v1/procedures", Ct).ExpectAsync();
        var rules = Assert.Single(list.EnumerateArray());
        Assert.Equal("总务后勤工作规程", rules.Str("title"));
        Assert.Equal(new[] { "Consultation", "InForce" }, rules.GetProperty("versions").EnumerateArray().Select(v => v.Str("status")));
        var id = rules.Id();

        var v1 = await anonymous.GetAsync(VersionUrl(id, 1), Ct).ExpectAsync();
        Assert.Equal("InForce", v1.Str("status"));
        Assert.Equal(7, v1.GetProperty("clauses").GetArrayLength());
        Assert.Equal("校办决〔2026〕12号", v1.Str("approval", "resolutionNo"));
        var v2 = await anonymous.GetAsync(VersionUrl(id, 2), Ct).ExpectAsync();
        Assert.Equal("true", v2.Str("acceptsComments"));
        var comment = Assert.Single((await anonymous.GetAsync(VersionUrl(id, 2, "comments"), Ct).ExpectAsync()).EnumerateArray());
        Assert.Equal("Student", comment.Str("author", "kind"));
        Assert.Equal(JsonValueKindNull, comment.GetProperty("author").GetProperty("displayName").ValueKind);

        // The diff of version 2 against 1, clause by clause and parameter by parameter.
        var diff = await anonymous.GetAsync(VersionUrl(id, 2, "diff?from=1"), Ct).ExpectAsync();
        var clauses = diff.GetProperty("clauses").EnumerateArray().ToDictionary(c => c.GetProperty("number").GetInt32(), c => c.Str("change"));
        Assert.Equal("Changed", clauses[3]);
        Assert.Equal("Added", clauses[8]);
        Assert.Equal("Same", clauses[1]);
        var arrive = diff.GetProperty("parameters").EnumerateArray().Single(p => p.Str("key") == "serviceDesk.commitments.default.normal.arrive");
        Assert.Equal(("Changed", "P1D", "PT4H"), (arrive.Str("change"), arrive.Str("before"), arrive.Str("after")));

        // A draft is the office's own: 404 for the public and for teachers and students.
        var director = web.As("director");
        await director.PostAsync(VersionUrl(id, 2, "send-back"), new { reason = "x" }).ExpectAsync(HttpStatusCode.Forbidden);
        await web.SubmitVersion2Async(id);
        await web.As("principal-office").PostAsync(VersionUrl(id, 2, "send-back"), new { reason = "请再议。" }).ExpectAsync();
        await anonymous.GetAsync(VersionUrl(id, 2), Ct).ExpectAsync(HttpStatusCode.NotFound);
        await web.As("student").GetAsync(VersionUrl(id, 2), Ct).ExpectAsync(HttpStatusCode.NotFound);
        await web.As("student").GetAsync(VersionUrl(id, 2, "comments"), Ct).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("Draft", (await web.As("water2").GetAsync(VersionUrl(id, 2), Ct).ExpectAsync()).Str("status"));
        var publicList = await anonymous.GetAsync("/api/v1/procedures", Ct).ExpectAsync();
        Assert.Equal(new[] { "InForce" }, publicList[0].GetProperty("versions").EnumerateArray().Select(v => v.Str("status")));
    }
}
