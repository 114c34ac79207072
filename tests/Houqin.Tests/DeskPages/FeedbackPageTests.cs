using System.Net;
using Houqin.Tests.ServiceDesk;
using Houqin.Tests.ServiceDesk.Feedback;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.DeskPages;

/// <summary>The request page's feedback: the self-evaluation, return visits and complaints' answers, as the API allows them.</summary>
public class FeedbackPageTests
{
    private static Dictionary<string, string> Scores(int score) =>
        new() { ["Timeliness"] = $"{score}", ["Quality"] = $"{score}", ["Attitude"] = $"{score}", ["Satisfaction"] = $"{score}", ["Comment"] = "等了很久" };

    [Fact]
    public async Task The_handler_self_evaluates_on_the_page_once_and_the_requester_never_sees_it()
    {
        var (app, web, r) = await FeedbackDesk.ConfirmedAsync();
        await using var running = app;
        var path = $"/requests/{r.Id()}";
        var (water2, student) = (web.As("water2"), web.As("student"));
        Assert.NotNull((await water2.GetPageAsync(path)).Page.QuerySelector("#self-evaluate"));
        Assert.Null((await student.GetPageAsync(path)).Page.QuerySelector("#self-evaluate"));

        var missing = Scores(4);
        missing.Remove("Quality");
        var refused = await water2.PostFormAsync(path, path + "?handler=SelfEvaluate", missing);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.NotEmpty((await Forms.ParseAsync(refused)).Errors());
        Assert.Equal(JsonValueKindNull, (await water2.FeedbackAsync(r)).GetProperty("selfEvaluation").ValueKind);

        Assert.Equal(HttpStatusCode.Redirect, (await water2.PostFormAsync(path, path + "?handler=SelfEvaluate", Scores(4))).StatusCode);
        var (_, page) = await water2.GetPageAsync(path);
        Assert.Contains("4", page.Text("#self-evaluation"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#self-evaluate"));
        Assert.Equal(4, (await water2.FeedbackAsync(r)).GetProperty("selfEvaluation").GetProperty("quality").GetInt32());
        Assert.Null((await student.GetPageAsync(path)).Page.QuerySelector("#self-evaluation"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task A_low_rating_calls_for_a_return_visit_which_the_owner_records_on_the_page()
    {
        var (app, web, r) = await FeedbackDesk.ConfirmedAsync();
        await using var running = app;
        var path = $"/requests/{r.Id()}";
        var (water2, student) = (web.As("water2"), web.As("student"));
        Assert.Equal(HttpStatusCode.Redirect, (await student.PostFormAsync(path, path + "?handler=Rate", Scores(2))).StatusCode);
        var (_, studentPage) = await student.GetPageAsync(path);
        Assert.Contains("等了很久", studentPage.Text("#rating"), StringComparison.Ordinal);
        Assert.Null(studentPage.QuerySelector("#record-visit"));

        var (_, page) = await water2.GetPageAsync(path);
        Assert.Contains("待回访", page.Text("#feedback"), StringComparison.Ordinal);
        var noOutcome = await water2.PostFormAsync(path, path + "?handler=ReturnVisit", new() { ["VisitNote"] = "电话回访" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noOutcome.StatusCode);
        Assert.Contains("请选择回访结果", (await Forms.ParseAsync(noOutcome)).Errors(), StringComparison.Ordinal);

        var recorded = await water2.PostFormAsync(path, path + "?handler=ReturnVisit", new() { ["VisitOutcome"] = "Satisfied", ["VisitNote"] = "已道歉，同学表示理解" });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var visit = Assert.Single((await water2.FeedbackAsync(r)).GetProperty("returnVisits").EnumerateArray());
        Assert.Equal(("LowRating", "Done", "Satisfied"), (visit.Str("reason"), visit.Str("status"), visit.Str("outcome")));
        Assert.Contains("已道歉，同学表示理解", (await water2.GetPageAsync(path)).Page.Text("#feedback"), StringComparison.Ordinal);
        // Someone not among those who call back gets no form, and the page refuses them.
        Assert.Null((await web.As("water1").GetPageAsync(path)).Page.QuerySelector("#record-visit"));
    }

    [Fact]
    public async Task A_complaint_is_answered_in_writing_on_the_page_by_the_person_it_went_to_and_the_accused_sees_no_name()
    {
        var (app, web, r) = await FeedbackDesk.CompletedAsync();
        await using var running = app;
        var path = $"/requests/{r.Id()}";
        var student = web.As("student");
        await FeedbackDesk.OkAsync(student.ComplainAsync(r, "water2"), HttpStatusCode.Created);
        var complaint = Assert.Single((await student.FeedbackAsync(r)).GetProperty("complaints").EnumerateArray());
        var responsible = web.As(complaint.Str("responsible", "userName"));

        var (_, accused) = await web.As("water2").GetPageAsync(path);
        Assert.Contains("投诉人未公开身份", accused.Text("#feedback"), StringComparison.Ordinal);
        Assert.Null(accused.QuerySelector(".answer-complaint"));

        var (_, page) = await responsible.GetPageAsync(path);
        Assert.NotNull(page.QuerySelector(".answer-complaint"));
        var fields = new Dictionary<string, string> { ["ComplaintId"] = complaint.Id(), ["Answer"] = " ", ["Upheld"] = "no" };
        var empty = await responsible.PostFormAsync(path, path + "?handler=AnswerComplaint", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("请填写书面答复", (await Forms.ParseAsync(empty)).Errors(), StringComparison.Ordinal);

        fields["Answer"] = "经核实，维修人员当时在处理另一处急修，已要求其今后说明情况并转交。";
        Assert.Equal(HttpStatusCode.Redirect, (await responsible.PostFormAsync(path, path + "?handler=AnswerComplaint", fields)).StatusCode);
        var answered = Assert.Single((await student.FeedbackAsync(r)).GetProperty("complaints").EnumerateArray());
        Assert.Equal(("Answered", false), (answered.Str("status"), answered.GetProperty("upheld").GetBoolean()));
        var (_, mine) = await student.GetPageAsync(path);
        Assert.Contains("已要求其今后说明情况", mine.Text("#feedback"), StringComparison.Ordinal);
        Assert.Null(mine.QuerySelector(".answer-complaint"));
        // Answering again is refused with a message, not a second answer.
        var again = await responsible.PostFormAsync(path, path + "?handler=AnswerComplaint", fields);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已经答复过了", (await Forms.ParseAsync(again)).Text("#step-problem"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_answer_nor_the_return_visit_of_a_complaint_is_offered_to_the_person_it_is_about()
    {
        var (app, web, r) = await FeedbackDesk.CompletedAsync();
        await using var running = app;
        var path = $"/requests/{r.Id()}";
        var student = web.As("student");
        await FeedbackDesk.OkAsync(student.ComplainAsync(r, "water2", "Attitude"), HttpStatusCode.Created);
        await FeedbackDesk.OkAsync(student.ComplainAsync(r, "director", "Attitude"), HttpStatusCode.Created);

        // water2 owns the request, but the only visits due are the complaints'.
        var (_, accused) = await web.As("water2").GetPageAsync(path);
        Assert.Null(accused.QuerySelector("#record-visit"));
        var (_, director) = await web.As("director").GetPageAsync(path);
        Assert.Single(director.QuerySelectorAll(".answer-complaint"));
        Assert.NotNull(director.QuerySelector("#record-visit"));
        var (_, auditor) = await web.As("auditor").GetPageAsync(path);
        Assert.Single(auditor.QuerySelectorAll(".answer-complaint"));
        Assert.NotNull(auditor.QuerySelector("#record-visit"));

        // The accused posting the form anyway is refused, and the visit stays due.
        var refused = await web.As("water2").PostFormAsync(path, path + "?handler=ReturnVisit", new() { ["VisitOutcome"] = "Satisfied" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.All((await student.FeedbackAsync(r)).GetProperty("returnVisits").EnumerateArray(), v => Assert.Equal("Due", v.Str("status")));
    }
}
