using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.Organisation;
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

        await AssertProblemAsync(web.As("repair1").PostAsJsonAsync($"{path}/answer", new { answer = "我没有推诿" }, Ct), HttpStatusCode.Forbidden, "not_allowed");
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

    private static async Task AdvanceAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web, string by)
    {
        var response = await web.As("student").PostAsJsonAsync("/api/v1/test-clock/advance", new { by }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
