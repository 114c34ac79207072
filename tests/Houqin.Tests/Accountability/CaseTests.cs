using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.Accountability.Cases;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.Accountability;

public class CaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upheld_buck_passing_complaint_opens_a_case_naming_the_person_complained_about()
    {
        var (app, web, complaint, c) = await UpheldAsync();
        await using var running = app;

        Assert.Equal(("Complaint", "UpheldComplaint", "AwaitingInvestigator"), (c.Str("origin"), c.Str("ground"), c.Str("status")));
        Assert.Equal(["repair1"], c.Accused());
        Assert.Equal("deputy", c.Str("openedBy", "userName"));
        Assert.Equal(complaint.Str("requestId"), Assert.Single(c.GetProperty("evidence").EnumerateArray(), e => e.Str("kind") == "Request").Str("ref"));
        Assert.Equal(complaint.Id(), c.Str("complaint", "id"));
        Assert.Equal("true", (await web.As("student").GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.Id()}", Ct)).Str("upheld"));
        var opened = Assert.Single((await web.As("deputy").GetCaseAsync(c)).GetProperty("timeline").EnumerateArray());
        Assert.Equal("accountability_case.opened", opened.Str("action"));
        Assert.Equal($"/api/v1/audit/events/{opened.Str("sequence")}/proof", opened.Str("proof"));

        // Not upheld, or answered without saying (the body the API took before), opens nothing.
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var other = await OkAsync(student.ComplainAsync(r, "repair2"), HttpStatusCode.Created);
        var third = await OkAsync(student.ComplainAsync(r, "repair1", "Attitude"), HttpStatusCode.Created);
        await OkAsync(web.As("deputy").PostAsJsonAsync($"/api/v1/complaints/{other.Id()}/answer", new { answer = "经核实不属实。", upheld = false }, Ct));
        await OkAsync(web.As("deputy").PostAsJsonAsync($"/api/v1/complaints/{third.Id()}/answer", new { answer = "已沟通。" }, Ct));
        Assert.Single((await web.As("director").GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct)).EnumerateArray());

        // The accused and the director are told.
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var told = await db.Set<Notice>().Where(n => n.Kind == "accountability_case.opened").Join(db.Users, n => n.RecipientId, u => u.Id, (n, u) => u.UserName).ToListAsync(Ct);
        Assert.Equal(["director", "repair1"], told.Order());
    }

    [Fact]
    public async Task The_accused_cannot_investigate_their_own_case_nor_choose_who_does()
    {
        var (app, web, _, c) = await UpheldAsync();
        await using var running = app;

        await AssertProblemAsync(web.As("director").StepAsync(c, "assign-investigator", new { investigatorUserName = "repair1" }), HttpStatusCode.Forbidden, "accused_cannot_investigate");
        await AssertProblemAsync(web.As("repair1").StepAsync(c, "assign-investigator", new { investigatorUserName = "repair2" }), HttpStatusCode.Forbidden, "not_allowed");
        await AssertProblemAsync(web.As("director").StepAsync(c, "assign-investigator", new { investigatorUserName = "student" }), HttpStatusCode.UnprocessableEntity, "validation_failed", "investigatorUserName");
        Assert.Equal("AwaitingInvestigator", (await web.As("director").GetCaseAsync(c)).Str("status"));

        var assigned = await OkAsync(web.As("deputy").StepAsync(c, "assign-investigator", new { investigatorUserName = "auditor" }));
        Assert.Equal(("UnderInvestigation", "auditor"), (assigned.Str("status"), assigned.Str("investigator", "userName")));
        await AssertProblemAsync(
            web.As("repair1").StepAsync(c, "decide", new { decision = "Dismissed", sanction = "None", findings = "我没有推诿" }),
            HttpStatusCode.Forbidden,
            "accused_cannot_investigate"
        );
        await AssertProblemAsync(web.As("director").StepAsync(c, "decide", new { decision = "Upheld", sanction = "Warning", findings = "属实" }), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Null((await web.As("auditor").GetCaseAsync(c)).GetProperty("decision").GetString());
    }

    [Fact]
    public async Task The_investigator_decides_after_the_answer_and_the_accused_appeal_once_to_the_director()
    {
        var (app, web, _, c) = await UpheldAsync();
        await using var running = app;
        var (auditor, repair1, director) = (web.As("auditor"), web.As("repair1"), web.As("director"));
        await OkAsync(director.StepAsync(c, "assign-investigator", new { investigatorUserName = "auditor" }));

        await AssertProblemAsync(auditor.StepAsync(c, "decide", new { decision = "Upheld", sanction = "Warning", findings = "属实" }), HttpStatusCode.Conflict, "awaiting_answer");
        await OkAsync(repair1.StepAsync(c, "answer", new { answer = "当时确实不归我管，我告诉了她找谁。" }));
        await AssertProblemAsync(repair1.StepAsync(c, "answer", new { answer = "补充" }), HttpStatusCode.Conflict, "already_answered");

        await AssertProblemAsync(auditor.StepAsync(c, "decide", new { decision = "Dismissed", sanction = "Warning", findings = "不属实" }), HttpStatusCode.UnprocessableEntity, "validation_failed", "sanction");
        await AssertProblemAsync(auditor.StepAsync(c, "decide", new { decision = "Upheld", sanction = "PenaltyPoints", penaltyPoints = 11, findings = "属实" }), HttpStatusCode.UnprocessableEntity, "validation_failed", "penaltyPoints");
        var decided = await OkAsync(auditor.StepAsync(c, "decide", new { decision = "Upheld", sanction = "PenaltyPoints", penaltyPoints = 5, findings = "推诿属实，首问负责制未落实。" }));
        Assert.Equal(("Decided", "Upheld", "PenaltyPoints", "5"), (decided.Str("status"), decided.Str("decision"), decided.Str("sanction"), decided.Str("penaltyPoints")));

        await AssertProblemAsync(web.As("deputy").StepAsync(c, "appeal", new { grounds = "代为申诉" }), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Equal("Appealed", (await OkAsync(repair1.StepAsync(c, "appeal", new { grounds = "处理过重。" }))).Str("status"));
        await AssertProblemAsync(repair1.StepAsync(c, "appeal", new { grounds = "再申诉" }), HttpStatusCode.Conflict, "already_appealed");

        await AssertProblemAsync(web.As("deputy").StepAsync(c, "rule-appeal", new { ruling = "Overturned", reasons = "x" }), HttpStatusCode.Forbidden, "not_allowed");
        var ruled = await OkAsync(director.StepAsync(c, "rule-appeal", new { ruling = "Varied", decision = "PartlyUpheld", sanction = "Warning", reasons = "情节较轻，改为警告。" }));
        Assert.Equal(("Closed", "Varied", "PartlyUpheld", "Warning", "2"), (ruled.Str("status"), ruled.Str("ruling"), ruled.Str("decision"), ruled.Str("sanction"), ruled.Str("penaltyPoints")));
        await AssertProblemAsync(repair1.StepAsync(c, "appeal", new { grounds = "第二次申诉" }), HttpStatusCode.Conflict, "already_appealed");

        var timeline = (await repair1.GetCaseAsync(c)).GetProperty("timeline").EnumerateArray().Select(t => (t.Str("actor"), t.Str("action"))).ToList();
        Assert.Equal(
            [
                ("deputy", "accountability_case.opened"),
                ("director", "accountability_case.investigator_assigned"),
                ("repair1", "accountability_case.answered"),
                ("auditor", "accountability_case.decided"),
                ("repair1", "accountability_case.appealed"),
                ("director", "accountability_case.appeal_ruled"),
            ],
            timeline
        );
        Assert.Empty((await repair1.GetCaseAsync(c)).GetProperty("offers").EnumerateArray());
    }

    [Fact]
    public async Task The_accused_does_not_see_the_complainant_unless_the_complainant_agreed()
    {
        var (app, web, _, hidden) = await UpheldAsync();
        await using var running = app;
        var repair1 = web.As("repair1");
        var seen = await repair1.GetCaseAsync(hidden);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("complaint").GetProperty("complainant").ValueKind);
        Assert.Equal("说不是他负责，让我去找别人", seen.Str("complaint", "text"));
        Assert.DoesNotContain("李同学", await repair1.GetStringAsync($"/api/v1/cases/{hidden.Id()}", Ct));
        var page = await repair1.GetStringAsync($"/cases/{hidden.Id()}", Ct);
        Assert.Contains("投诉人未同意公开身份", page);
        Assert.DoesNotContain("李同学", page);
        Assert.Equal("student", (await web.As("deputy").GetCaseAsync(hidden)).Str("complaint", "complainant", "userName"));
        Assert.Contains("李同学", await web.As("auditor").GetStringAsync($"/cases/{hidden.Id()}", Ct));

        var (app2, web2, _, shared) = await UpheldAsync(share: true);
        await using var running2 = app2;
        Assert.Equal("student", (await web2.As("repair1").GetCaseAsync(shared)).Str("complaint", "complainant", "userName"));
    }

    [Fact]
    public async Task Nobody_outside_the_case_finds_it()
    {
        var (app, web, _, c) = await UpheldAsync();
        await using var running = app;
        foreach (var outsider in new[] { "water1", "leader-repair", "student", "repair2" })
        {
            var client = web.As(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{c.Id()}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.StepAsync(c, "answer", new { answer = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{c.Id()}", Ct)).StatusCode);
            Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct)).EnumerateArray());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await web.As("water1").PostAsJsonAsync("/api/v1/cases", new { ground = "Negligence", accusedUserNames = new[] { "water2" }, summary = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.As("repair1").GetAsync($"/cases/{c.Id()}", Ct)).StatusCode);
        Assert.Contains(c.Id(), await web.As("repair1").GetStringAsync("/cases?status=all", Ct));

        // Once investigating, the investigator sees it too.
        await OkAsync(web.As("director").StepAsync(c, "assign-investigator", new { investigatorUserName = "leader-water" }));
        Assert.Equal(HttpStatusCode.OK, (await web.As("leader-water").GetAsync($"/api/v1/cases/{c.Id()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_auditor_opens_a_case_by_hand_citing_an_audit_event_with_its_proof()
    {
        var (app, web) = await StartAsync(Beijing(12, 4, 10, 0));
        await using var running = app;
        var r = await web.As("student").ReportAsync().CreatedAsync();
        await AssertProblemAsync(
            web.As("auditor").PostAsJsonAsync("/api/v1/cases", new { ground = "Negligence", accusedUserNames = new[] { "nobody" }, summary = "x" }, Ct),
            HttpStatusCode.UnprocessableEntity,
            "validation_failed",
            "accusedUserNames"
        );
        await AssertProblemAsync(
            web.As("auditor").PostAsJsonAsync("/api/v1/cases", new { ground = "Negligence", accusedUserNames = new[] { "water2" }, summary = "x", auditEvents = new[] { 99_999_999L } }, Ct),
            HttpStatusCode.UnprocessableEntity,
            "validation_failed",
            "auditEvents"
        );
        var opened = await OkAsync(
            web.As("auditor")
                .PostAsJsonAsync(
                    "/api/v1/cases",
                    new { origin = "AuditFinding", ground = "SelfDealing", accusedUserNames = new[] { "water2" }, summary = "领用材料去向不明。", requestIds = new[] { r.Id() }, auditEvents = new[] { 1L }, documents = new[] { "审计通知书 2026-12" } },
                    Ct
                ),
            HttpStatusCode.Created
        );
        Assert.Equal(("AuditFinding", "SelfDealing"), (opened.Str("origin"), opened.Str("ground")));
        Assert.Equal(
            ["/requests/" + r.Id(), "/api/v1/audit/events/1/proof", ""],
            opened.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("link").ValueKind == JsonValueKind.Null ? "" : e.Str("link"))
        );
    }

    [Fact]
    public async Task A_cases_evidence_reads_back_in_the_order_it_was_added_in_the_api_and_on_the_page()
    {
        var (app, web) = await StartAsync(Beijing(12, 4, 10, 0));
        await using var running = app;
        var student = web.As("student");
        var r = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            r.Add((await student.ReportAsync().CreatedAsync()).Id());
        }
        // Cited out of every natural order (request ids are time-ordered, sequences numeric, documents by text), and with
        // three accused, so the case's query joins more than one row per piece of evidence.
        string[] requests = [r[2], r[0], r[3], r[1]];
        long[] events = [7, 2, 5, 1];
        string[] documents = ["乙 审计通知书", "甲 调查报告", "C 领料单", "A 照片"];
        var opened = await OkAsync(
            web.As("auditor")
                .PostAsJsonAsync(
                    "/api/v1/cases",
                    new { origin = "AuditFinding", ground = "SelfDealing", accusedUserNames = new[] { "water2", "repair1", "water1" }, summary = "领用材料去向不明。", requestIds = requests, auditEvents = events, documents },
                    Ct
                ),
            HttpStatusCode.Created
        );
        string[] expected = [.. requests, .. events.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. documents];

        foreach (var reader in new[] { "auditor", "director", "repair1" })
        {
            var read = await (await web.As(reader).GetAsync($"/api/v1/cases/{opened.Id()}", Ct)).JsonAsync();
            Assert.Equal(expected, read.GetProperty("evidence").EnumerateArray().Select(e => e.Str("ref")));
            var listed = await (await web.As(reader).GetAsync("/api/v1/cases", Ct)).JsonAsync();
            Assert.Equal(expected, listed.EnumerateArray().Single(c => c.Id() == opened.Id()).GetProperty("evidence").EnumerateArray().Select(e => e.Str("ref")));
            var (_, page) = await DeskPages.Forms.GetPageAsync(web.As(reader), $"/cases/{opened.Id()}");
            Assert.Equal(
                [.. requests.Select(id => $"/requests/{id}"), .. events.Select(e => $"/api/v1/audit/events/{e}/proof"), .. documents],
                page.QuerySelectorAll("#case-evidence li").Select(li => li.QuerySelector("a")?.GetAttribute("href") ?? li.QuerySelector("span:not(.tag)")!.TextContent.Trim())
            );
        }
    }
}
