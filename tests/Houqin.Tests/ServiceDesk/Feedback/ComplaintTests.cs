using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.ServiceDesk.Feedback;

public class ComplaintTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Friday 12-04 10:00: five working days later, across the weekend, is the end of Friday 12-11.</summary>
    private static readonly DateTimeOffset Friday = Beijing(12, 4, 10, 0);

    private static readonly DateTimeOffset EndOfNextFriday = new(2026, 12, 12, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_complaint_goes_to_the_deputy_director_in_charge_of_the_staff_members_team_due_in_five_working_days()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();

        var filed = await OkAsync(student.ComplainAsync(r, "repair1"), HttpStatusCode.Created);
        Assert.Equal(("repair1", "deputy", "Open", "BuckPassing"), (filed.Str("staff", "userName"), filed.Str("responsible", "userName"), filed.Str("status"), filed.Str("kind")));
        Assert.Equal(EndOfNextFriday, filed.GetProperty("answerBy").GetDateTimeOffset());
        Assert.False(filed.GetProperty("overdue").GetBoolean());

        // Nobody answers a complaint about themselves; a team without a deputy director sends it to the director.
        Assert.Equal("director", (await OkAsync(student.ComplainAsync(r, "deputy", "Attitude"), HttpStatusCode.Created)).Str("responsible", "userName"));
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var repair = await db.Set<Team>().SingleAsync(t => t.Code == "repair", Ct);
            repair.SetChain(repair.LeaderId, null);
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal("director", (await OkAsync(student.ComplainAsync(r, "repair2", "Other"), HttpStatusCode.Created)).Str("responsible", "userName"));

        var feedback = await student.FeedbackAsync(r);
        Assert.Equal(3, feedback.GetProperty("complaints").GetArrayLength());
        Assert.Equal(3, feedback.GetProperty("returnVisits").EnumerateArray().Count(v => v.Str("reason") == "Complaint" && v.Str("status") == "Due"));
        Assert.Equal(3, (await student.GetRequestAsync(r)).Actions().Count(a => a == "service_request.complaint_filed"));
    }

    [Fact]
    public async Task A_complaint_names_a_member_of_staff_and_comes_from_the_requester()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();

        await AssertProblemAsync(student.ComplainAsync(r, "nobody-here"), HttpStatusCode.UnprocessableEntity, "validation_failed", "staffUserName");
        await AssertProblemAsync(student.ComplainAsync(r, "student2"), HttpStatusCode.UnprocessableEntity, "validation_failed", "staffUserName");
        await AssertProblemAsync(student.ComplainAsync(r, "auditor"), HttpStatusCode.UnprocessableEntity, "validation_failed", "staffUserName");
        await AssertProblemAsync(student.ComplainAsync(r, "repair1", "Rudeness"), HttpStatusCode.UnprocessableEntity, "validation_failed", "kind");
        await AssertProblemAsync(
            student.StepAsync(r, "complaints", new { kind = "Other", staffUserName = "repair1", text = " " }),
            HttpStatusCode.UnprocessableEntity,
            "validation_failed",
            "text"
        );
        await AssertProblemAsync(web.As("water2").ComplainAsync(r, "repair1"), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("student2").ComplainAsync(r, "repair1")).StatusCode);

        Assert.Empty((await web.As("deputy").GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).EnumerateArray());
        Assert.Equal(0, (await student.FeedbackAsync(r)).GetProperty("returnVisits").GetArrayLength());
    }

    [Fact]
    public async Task The_deputy_director_answers_in_writing_once_and_the_complainant_reads_it()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var complaint = await OkAsync(student.ComplainAsync(r, "repair1"), HttpStatusCode.Created);
        var path = $"/api/v1/complaints/{complaint.Id()}";

        foreach (var who in new[] { "deputy", "director", "auditor", "student", "repair1" })
        {
            var open = await web.As(who).GetFromJsonAsync<JsonElement>("/api/v1/complaints?status=open", Ct);
            Assert.True(open.EnumerateArray().Any(c => c.Id() == complaint.Id()), who);
        }
        Assert.Empty((await web.As("water1").GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).EnumerateArray());
        Assert.Empty((await web.As("student2").GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("water1").GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await student.GetAsync("/api/v1/complaints?status=late", Ct)).StatusCode);

        await AssertProblemAsync(web.As("repair1").PostAsJsonAsync($"{path}/answer", new { answer = "我没有推诿" }, Ct), HttpStatusCode.Forbidden, Complaint.AboutYou);
        await AssertProblemAsync(student.PostAsJsonAsync($"{path}/answer", new { answer = "自问自答" }, Ct), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("water1").PostAsJsonAsync($"{path}/answer", new { answer = "x" }, Ct)).StatusCode);
        await AssertProblemAsync(web.As("deputy").PostAsJsonAsync($"{path}/answer", new { answer = "  " }, Ct), HttpStatusCode.UnprocessableEntity, "validation_failed", "answer");

        var answered = await OkAsync(web.As("deputy").PostAsJsonAsync($"{path}/answer", new { answer = "经调查属实，已对当事人批评教育。" }, Ct));
        Assert.Equal(("Answered", "deputy"), (answered.Str("status"), answered.Str("answeredBy", "userName")));
        await AssertProblemAsync(web.As("director").PostAsJsonAsync($"{path}/answer", new { answer = "再答一次" }, Ct), HttpStatusCode.Conflict, "already_answered");

        var read = await student.GetFromJsonAsync<JsonElement>(path, Ct);
        Assert.Equal("经调查属实，已对当事人批评教育。", read.Str("answer"));
        Assert.Empty((await web.As("deputy").GetFromJsonAsync<JsonElement>("/api/v1/complaints?status=open", Ct)).EnumerateArray());
        Assert.Single((await web.As("deputy").GetFromJsonAsync<JsonElement>("/api/v1/complaints?status=answered", Ct)).EnumerateArray());

        // Answered in time: the deadline is gone, and the complaint is never flagged.
        await AdvanceAsync(web, "P14D");
        Assert.False((await student.GetFromJsonAsync<JsonElement>(path, Ct)).GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task The_staff_member_complained_about_never_learns_who_complained_unless_they_agreed()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var hidden = await OkAsync(student.ComplainAsync(r, "repair1"), HttpStatusCode.Created);
        var shared = await OkAsync(student.ComplainAsync(r, "repair1", "Attitude", share: true), HttpStatusCode.Created);
        Assert.Equal("student", hidden.Str("complainant", "userName"));

        var repair1 = web.As("repair1");
        var seen = await repair1.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{hidden.Id()}", Ct);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("complainant").ValueKind);
        Assert.False(seen.GetProperty("identityShared").GetBoolean());
        Assert.Equal("说不是他负责，让我去找别人", seen.Str("text"));
        var listed = (await repair1.GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).EnumerateArray().ToDictionary(c => c.Id());
        Assert.Equal(JsonValueKind.Null, listed[hidden.Id()].GetProperty("complainant").ValueKind);
        Assert.Equal("student", listed[shared.Id()].Str("complainant", "userName"));
        Assert.DoesNotContain("李同学", await repair1.GetStringAsync($"/api/v1/complaints/{hidden.Id()}", Ct));

        Assert.Equal("student", (await web.As("deputy").GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{hidden.Id()}", Ct)).Str("complainant", "userName"));
        Assert.Equal("student", (await web.As("auditor").GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{hidden.Id()}", Ct)).Str("complainant", "userName"));
    }

    [Fact]
    public async Task An_unanswered_complaint_is_flagged_overdue_once_its_working_days_have_passed()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var path = $"/api/v1/complaints/{(await OkAsync(student.ComplainAsync(r, "water1"), HttpStatusCode.Created)).Id()}";

        // The weekend does not count: on Friday 12-11 at 23:00 there is still an hour left.
        await AdvanceAsync(web, "P7DT13H");
        Assert.False((await web.As("deputy").GetFromJsonAsync<JsonElement>(path, Ct)).GetProperty("overdue").GetBoolean());
        await AdvanceAsync(web, "PT1H1M");
        var late = await web.As("deputy").GetFromJsonAsync<JsonElement>(path, Ct);
        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.Equal("Open", late.Str("status"));

        // Late is still answerable, and stays marked late.
        var answered = await OkAsync(web.As("deputy").PostAsJsonAsync($"{path}/answer", new { answer = "迟复为歉，已处理。" }, Ct));
        Assert.True(answered.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task A_complaint_about_the_director_goes_to_the_auditor_and_nobody_answers_a_complaint_about_themselves()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var teacher = web.As("teacher");
        var r = await teacher.ReportAsync().CreatedAsync();

        var aboutDirector = await OkAsync(teacher.ComplainAsync(r, "director", "Attitude"), HttpStatusCode.Created);
        Assert.Equal(("director", "auditor"), (aboutDirector.Str("staff", "userName"), aboutDirector.Str("responsible", "userName")));
        var path = $"/api/v1/complaints/{aboutDirector.Id()}";
        await AssertProblemAsync(web.As("director").PostAsJsonAsync($"{path}/answer", new { answer = "不属实", upheld = false }, Ct), HttpStatusCode.Forbidden, Complaint.AboutYou);
        // Worded for the person refused, as the pages word it (ADR 0017).
        var refused = await (await web.As("director").PostAsJsonAsync($"{path}/answer", new { answer = "不属实" }, Ct)).JsonAsync();
        Assert.Equal("这条投诉针对的是您本人，答复和回访须由他人进行。", refused.Str("title"));
        // The deputy director is the director's subordinate: it is not theirs to read or answer.
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("deputy").PostAsJsonAsync($"{path}/answer", new { answer = "不属实" }, Ct)).StatusCode);
        Assert.Equal("Open", (await teacher.GetFromJsonAsync<JsonElement>(path, Ct)).Str("status"));

        // One about the deputy director in charge goes to the director, and the deputy cannot answer it either.
        var aboutDeputy = await OkAsync(teacher.ComplainAsync(r, "deputy", "Attitude"), HttpStatusCode.Created);
        Assert.Equal("director", aboutDeputy.Str("responsible", "userName"));
        await AssertProblemAsync(
            web.As("deputy").PostAsJsonAsync($"/api/v1/complaints/{aboutDeputy.Id()}/answer", new { answer = "我没有" }, Ct),
            HttpStatusCode.Forbidden,
            Complaint.AboutYou
        );

        var answered = await OkAsync(web.As("auditor").PostAsJsonAsync($"{path}/answer", new { answer = "经纪检核实，已向主任提出批评。", upheld = true }, Ct));
        Assert.Equal(("Answered", "auditor"), (answered.Str("status"), answered.Str("answeredBy", "userName")));
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var subject = aboutDirector.Id();
        var events = await db.Set<Houqin.Infrastructure.Audit.AuditEvent>().Where(e => e.SubjectId == subject).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Actor }).ToListAsync(Ct);
        Assert.Equal([("complaint.answered", "auditor")], events.Select(e => (e.Action, e.Actor)));

        // With no auditor left, a complaint about the director has nobody independent to take it: refused in words,
        // and nothing of it is kept.
        await db.Users.Where(u => u.UserName == "auditor").ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true), Ct);
        var before = await db.Set<Complaint>().CountAsync(Ct);
        var nobody = await teacher.ComplainAsync(r, "director", "Attitude");
        var body = await nobody.JsonAsync();
        Assert.Equal((HttpStatusCode.Conflict, Complaint.NoAnswerer), (nobody.StatusCode, body.Str("code")));
        Assert.StartsWith("目前没有可以独立受理这条投诉的人", body.Str("title"), StringComparison.Ordinal);
        Assert.Equal(before, await db.Set<Complaint>().CountAsync(Ct));
    }

    [Fact]
    public async Task Complaint_notices_read_in_words_and_lead_to_the_complaint_on_its_request_page()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var student = web.As("student");
        var r = await student.ReportAsync().CreatedAsync();
        var complaint = await OkAsync(student.ComplainAsync(r, "water1"), HttpStatusCode.Created);
        var (number, link) = (r.Str("number"), $"/requests/{r.Id()}#complaint-{complaint.Id()}");
        var deputy = web.As("deputy");

        var filed = Assert.Single(await deputy.NoticesOfKindAsync("complaint.filed"));
        Assert.Equal(($"报修单 {number} 收到一件投诉，请处理。", link), (filed.Str("text"), filed.Str("link")));
        // The link opens: the page shows the complaint, with the form to answer it.
        var page = await deputy.GetStringAsync(link, Ct);
        Assert.Contains($"id=\"complaint-{complaint.Id()}\"", page, StringComparison.Ordinal);
        Assert.Contains("answer-complaint", page, StringComparison.Ordinal);

        await AdvanceAsync(web, "P8D");
        foreach (var who in new[] { "deputy", "director" })
        {
            var late = Assert.Single(await web.As(who).NoticesOfKindAsync("complaint.answer_overdue"));
            Assert.Equal(($"报修单 {number} 的投诉已超过书面答复期限，仍未答复，请尽快处理。", link), (late.Str("text"), late.Str("link")));
            var english = Assert.Single(await web.As(who).NoticesOfKindAsync("complaint.answer_overdue", "en-US"));
            Assert.Equal($"The complaint about request {number} is past its deadline for a written answer and still unanswered; please deal with it now.", english.Str("text"));
        }

        await OkAsync(deputy.PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer = "迟复为歉，已处理。" }, Ct));
        var answered = Assert.Single(await student.NoticesOfKindAsync("complaint.answered"));
        Assert.Equal(link, answered.Str("link"));
        Assert.Contains($"id=\"complaint-{complaint.Id()}\"", await student.GetStringAsync(link, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_complaint_about_the_director_is_not_the_directors_to_be_reminded_of()
    {
        var (app, web) = await StartAsync(Friday);
        await using var running = app;
        var teacher = web.As("teacher");
        var r = await teacher.ReportAsync().CreatedAsync();
        await OkAsync(teacher.ComplainAsync(r, "director", "Attitude"), HttpStatusCode.Created);

        await AdvanceAsync(web, "P8D");
        Assert.Single(await web.As("auditor").NoticesOfKindAsync("complaint.answer_overdue"));
        Assert.Empty(await web.As("director").NoticesOfKindAsync("complaint.answer_overdue"));
        Assert.Empty(await web.As("director").NoticesOfKindAsync("complaint.filed"));
    }

    private static async Task AdvanceAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web, string by)
    {
        var response = await web.As("student").PostAsJsonAsync("/api/v1/test-clock/advance", new { by }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
