using System.Net;
using System.Text.Json;
using Houqin.Features.ServiceDesk.Feedback;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.ServiceDesk.Feedback;

/// <summary>A complaint's return visit is made by whoever answers the complaint, never by the person complained about (ADR 0030).</summary>
public class ReturnVisitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, JsonElement> Visits(JsonElement feedback) =>
        feedback.GetProperty("returnVisits").EnumerateArray().ToDictionary(v => v.Str("reason"));

    [Fact]
    public async Task The_person_complained_about_is_not_asked_to_make_the_complaints_visit_and_cannot_close_it()
    {
        var (app, web, r) = await ConfirmedAsync();
        await using var running = app;
        var (student, water2, deputy) = (web.As("student"), web.As("water2"), web.As("deputy"));
        await OkAsync(student.StepAsync(r, "rate", Scores(attitude: 1)));
        await OkAsync(student.ComplainAsync(r, "water2", "Attitude"), HttpStatusCode.Created);

        // water2 owns the request and is told of the low rating's visit, not of the complaint's: the deputy director is.
        Assert.Single(await water2.NoticesOfKindAsync("return_visit.due"));
        Assert.Single(await deputy.NoticesOfKindAsync("return_visit.due"));
        Assert.Empty(await web.As("leader-water").NoticesOfKindAsync("return_visit.due"));

        // One call by water2 closes the low rating's visit only.
        var first = Visits(await OkAsync(water2.StepAsync(r, "return-visits", new { outcome = "Satisfied", note = "同学表示满意" })));
        Assert.Equal(("Done", "water2"), (first["LowRating"].Str("status"), first["LowRating"].Str("visitedBy", "userName")));
        Assert.Equal(("Due", JsonValueKind.Null), (first["Complaint"].Str("status"), first["Complaint"].GetProperty("visitedBy").ValueKind));

        // The complaint's visit is not theirs: not the accused's, nor the accused's team leader's.
        await AssertProblemAsync(water2.StepAsync(r, "return-visits", new { outcome = "Satisfied" }), HttpStatusCode.Forbidden, Complaint.AboutYou);
        await AssertProblemAsync(web.As("leader-water").StepAsync(r, "return-visits", new { outcome = "Satisfied" }), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Equal("Due", Visits(await student.FeedbackAsync(r))["Complaint"].Str("status"));

        var done = Visits(await OkAsync(deputy.StepAsync(r, "return-visits", new { outcome = "Unsatisfied", note = "同学对答复仍不满意" })));
        Assert.Equal(("Done", "Unsatisfied", "deputy"), (done["Complaint"].Str("status"), done["Complaint"].Str("outcome"), done["Complaint"].Str("visitedBy", "userName")));
        Assert.Equal("Satisfied", done["LowRating"].Str("outcome"));
        Assert.Equal(2, (await student.GetRequestAsync(r)).Actions().Count(a => a == "service_request.return_visit_recorded"));
    }

    [Fact]
    public async Task The_auditor_makes_the_visit_of_a_complaint_about_the_director_and_the_director_cannot()
    {
        var (app, web) = await StartAsync(Beijing(12, 4, 10, 0));
        await using var running = app;
        var teacher = web.As("teacher");
        var r = await teacher.ReportAsync().CreatedAsync();
        await OkAsync(teacher.ComplainAsync(r, "director", "Attitude"), HttpStatusCode.Created);
        var (auditor, director) = (web.As("auditor"), web.As("director"));
        Assert.Single(await auditor.NoticesOfKindAsync("return_visit.due"));
        Assert.Empty(await director.NoticesOfKindAsync("return_visit.due"));

        await AssertProblemAsync(director.StepAsync(r, "return-visits", new { outcome = "Satisfied" }), HttpStatusCode.Forbidden, Complaint.AboutYou);
        await AssertProblemAsync(web.As("water2").StepAsync(r, "return-visits", new { outcome = "Satisfied" }), HttpStatusCode.Forbidden, "not_allowed");
        var visit = Assert.Single((await OkAsync(auditor.StepAsync(r, "return-visits", new { outcome = "Satisfied", note = "老师认可处理" }))).GetProperty("returnVisits").EnumerateArray());
        Assert.Equal(("Complaint", "Done", "auditor"), (visit.Str("reason"), visit.Str("status"), visit.Str("visitedBy", "userName")));
        Assert.Equal([("auditor", "service_request.return_visit_recorded")], (await teacher.GetRequestAsync(r)).Timeline()[^1..]);

        // With nothing due, the auditor is not one who calls requesters back unasked.
        await AssertProblemAsync(auditor.StepAsync(r, "return-visits", new { outcome = "Satisfied" }), HttpStatusCode.Forbidden, "not_allowed");
    }
}
