using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.ServiceDesk.Feedback;

public class RatingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_requester_rates_once_the_request_is_confirmed_and_only_once()
    {
        var (app, web, r) = await CompletedAsync();
        await using var running = app;
        var student = web.As("student");

        await AssertProblemAsync(student.StepAsync(r, "rate", Scores()), HttpStatusCode.Conflict, "invalid_state");
        await OkAsync(student.StepAsync(r, "confirm"));
        await AssertProblemAsync(web.As("water2").StepAsync(r, "rate", Scores()), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("student2").StepAsync(r, "rate", Scores())).StatusCode);

        var rated = await OkAsync(student.StepAsync(r, "rate", Scores(5, 4, 5, 4, "  师傅很快就到了  ")));
        var rating = rated.GetProperty("rating");
        Assert.False(rating.GetProperty("isDefault").GetBoolean());
        Assert.Equal([5, 4, 5, 4], new[] { "timeliness", "quality", "attitude", "satisfaction" }.Select(d => rating.GetProperty(d).GetInt32()));
        Assert.Equal("师傅很快就到了", rating.Str("comment"));
        Assert.Equal(0, rated.GetProperty("returnVisits").GetArrayLength());

        await AssertProblemAsync(student.StepAsync(r, "rate", Scores(1, 1, 1, 1)), HttpStatusCode.Conflict, "already_rated");
        var after = await student.GetRequestAsync(r);
        Assert.Single(after.Actions(), a => a == "service_request.rated");
        Assert.Equal("师傅很快就到了", after.GetProperty("timeline").EnumerateArray().Last().Str("note"));
        Assert.Equal(4, (await web.As("water2").FeedbackAsync(r)).GetProperty("rating").GetProperty("quality").GetInt32());
    }

    [Fact]
    public async Task Each_dimension_is_a_whole_number_from_1_to_5_and_a_bad_one_is_named()
    {
        var (app, web, r) = await ConfirmedAsync();
        await using var running = app;
        var student = web.As("student");

        await AssertProblemAsync(student.StepAsync(r, "rate", Scores(timeliness: 6)), HttpStatusCode.UnprocessableEntity, "validation_failed", "timeliness");
        await AssertProblemAsync(student.StepAsync(r, "rate", Scores(quality: 0)), HttpStatusCode.UnprocessableEntity, "validation_failed", "quality");
        await AssertProblemAsync(student.StepAsync(r, "rate", new { timeliness = 5, quality = 5, attitude = 5 }), HttpStatusCode.UnprocessableEntity, "validation_failed", "satisfaction");
        await AssertProblemAsync(student.StepAsync(r, "rate", Scores(comment: new string('好', 1001))), HttpStatusCode.UnprocessableEntity, "validation_failed", "comment");

        // Nothing was half-applied: the request is unrated and a valid rating still goes through.
        Assert.Equal(JsonValueKind.Null, (await student.FeedbackAsync(r)).GetProperty("rating").ValueKind);
        Assert.DoesNotContain("service_request.rated", (await student.GetRequestAsync(r)).Actions());
        await OkAsync(student.StepAsync(r, "rate", Scores(comment: new string('好', 1000))));
    }

    [Fact]
    public async Task A_rating_of_2_or_below_opens_a_return_visit_that_recording_it_closes()
    {
        var (app, web, r) = await ConfirmedAsync();
        await using var running = app;
        var (student, water1, water2, leader) = (web.As("student"), web.As("water1"), web.As("water2"), web.As("leader-water"));

        var rated = await OkAsync(student.StepAsync(r, "rate", Scores(attitude: 2)));
        var visit = Assert.Single(rated.GetProperty("returnVisits").EnumerateArray());
        Assert.Equal(("LowRating", "Due"), (visit.Str("reason"), visit.Str("status")));
        var due = await water1.GetFromJsonAsync<JsonElement>("/api/v1/return-visits?status=due", Ct);
        Assert.Equal(r.Str("number"), Assert.Single(due.EnumerateArray()).Str("number"));
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync("/api/v1/return-visits", Ct)).StatusCode);
        Assert.Empty((await web.As("repair1").GetFromJsonAsync<JsonElement>("/api/v1/return-visits", Ct)).EnumerateArray());

        // water1 sees the team's visits but does not own the request; the requester cannot call themselves back.
        await AssertProblemAsync(water1.StepAsync(r, "return-visits", new { outcome = "Satisfied" }), HttpStatusCode.Forbidden, "not_allowed");
        Assert.Equal(HttpStatusCode.Forbidden, (await student.StepAsync(r, "return-visits", new { outcome = "Satisfied" })).StatusCode);
        await AssertProblemAsync(water2.StepAsync(r, "return-visits", new { outcome = "Happy" }), HttpStatusCode.UnprocessableEntity, "validation_failed", "outcome");

        // Not reaching the requester is counted, but the visit stays due.
        var unreachable = await OkAsync(water2.StepAsync(r, "return-visits", new { outcome = "Unreachable", note = "电话无人接听" }));
        var still = Assert.Single(unreachable.GetProperty("returnVisits").EnumerateArray());
        Assert.Equal(("Due", 1), (still.Str("status"), still.GetProperty("unreachableAttempts").GetInt32()));

        var done = await OkAsync(leader.StepAsync(r, "return-visits", new { outcome = "Satisfied", note = "已道歉，同学表示满意" }));
        var closed = Assert.Single(done.GetProperty("returnVisits").EnumerateArray());
        Assert.Equal(("Done", "Satisfied", "leader-water"), (closed.Str("status"), closed.Str("outcome"), closed.Str("visitedBy", "userName")));
        Assert.Empty((await water1.GetFromJsonAsync<JsonElement>("/api/v1/return-visits?status=due", Ct)).EnumerateArray());
        Assert.Single((await water1.GetFromJsonAsync<JsonElement>("/api/v1/return-visits?status=done", Ct)).EnumerateArray());
        Assert.Equal(2, (await student.GetRequestAsync(r)).Actions().Count(a => a == "service_request.return_visit_recorded"));
    }

    [Fact]
    public async Task A_default_rating_never_counts_as_a_real_one_and_a_later_real_rating_replaces_it()
    {
        var (app, web, r) = await ConfirmedAsync();
        await using var running = app;
        var student = web.As("student");
        var id = Guid.Parse(r.Id());

        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ratings = scope.ServiceProvider.GetRequiredService<Ratings>();
            var request = await db.Set<ServiceRequest>().SingleAsync(x => x.Id == id, Ct);
            Assert.NotNull(await ratings.RecordDefaultAsync(request, Ct));
            await db.SaveChangesAsync(Ct);
            // Recording it twice adds nothing.
            Assert.Null(await ratings.RecordDefaultAsync(request, Ct));
        }

        var shown = (await student.FeedbackAsync(r)).GetProperty("rating");
        Assert.True(shown.GetProperty("isDefault").GetBoolean());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("satisfaction").ValueKind);
        Assert.Contains("service_request.default_rated", (await student.GetRequestAsync(r)).Actions());
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(0, await db.Set<Rating>().CountAsync(x => x.RequestId == id, Ct));
            Assert.Equal(0, await Ratings.Real(db).CountAsync(x => x.RequestId == id, Ct));
            Assert.Null(await db.Set<Rating>().AverageAsync(x => (double?)x.Satisfaction, Ct));
            Assert.Equal(1, await Ratings.WithDefaults(db).CountAsync(x => x.RequestId == id, Ct));
        }

        var real = (await OkAsync(student.StepAsync(r, "rate", Scores(satisfaction: 3)))).GetProperty("rating");
        Assert.False(real.GetProperty("isDefault").GetBoolean());
        Assert.Equal(3, real.GetProperty("satisfaction").GetInt32());
        await AssertProblemAsync(student.StepAsync(r, "rate", Scores()), HttpStatusCode.Conflict, "already_rated");
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await Ratings.Real(db).CountAsync(x => x.RequestId == id, Ct));
            Assert.Equal(1, await Ratings.WithDefaults(db).CountAsync(x => x.RequestId == id, Ct));
        }
    }

    [Fact]
    public async Task After_a_hand_off_the_handler_evaluates_the_work_and_the_owner_cannot_take_their_evaluation()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair1) = (web.As("student"), web.As("water2"), web.As("repair1"));
        var r = await student.ReportAsync().CreatedAsync();
        await OkAsync(water2.StepAsync(r, "handoff", new { toUserName = "repair1", reason = "柜门合页坏了，属木工" }));
        await OkAsync(repair1.StepAsync(r, "accept-handoff"));
        await OkAsync(repair1.StepAsync(r, "arrive"));
        await OkAsync(repair1.StepAsync(r, "complete", new { method = "更换合页", result = "已修好" }));

        await AssertProblemAsync(water2.StepAsync(r, "self-evaluation", Scores()), HttpStatusCode.Forbidden, "not_allowed");
        var evaluated = await OkAsync(repair1.StepAsync(r, "self-evaluation", Scores(5, 5, 5, 5)));
        Assert.Equal("repair1", evaluated.Str("selfEvaluation", "evaluator", "userName"));
    }

    [Fact]
    public async Task The_handler_evaluates_their_own_service_once_it_is_completed_and_only_staff_see_it()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();

        await AssertProblemAsync(water2.StepAsync(r, "self-evaluation", Scores()), HttpStatusCode.Conflict, "invalid_state");
        await OkAsync(water2.StepAsync(r, "acknowledge"));
        await OkAsync(water2.StepAsync(r, "arrive"));
        await OkAsync(water2.StepAsync(r, "complete", new { method = "更换阀门", result = "已修好" }));
        await AssertProblemAsync(student.StepAsync(r, "self-evaluation", Scores()), HttpStatusCode.Forbidden, "not_allowed");
        await AssertProblemAsync(web.As("water1").StepAsync(r, "self-evaluation", Scores()), HttpStatusCode.Forbidden, "not_allowed");
        await AssertProblemAsync(water2.StepAsync(r, "self-evaluation", Scores(attitude: 9)), HttpStatusCode.UnprocessableEntity, "validation_failed", "attitude");

        var evaluated = await OkAsync(water2.StepAsync(r, "self-evaluation", Scores(4, 5, 5, 4, "到场略晚")));
        Assert.Equal("water2", evaluated.Str("selfEvaluation", "evaluator", "userName"));
        await AssertProblemAsync(water2.StepAsync(r, "self-evaluation", Scores()), HttpStatusCode.Conflict, "already_evaluated");

        Assert.Equal(JsonValueKind.Null, (await student.FeedbackAsync(r)).GetProperty("selfEvaluation").ValueKind);
        Assert.Equal("到场略晚", (await web.As("water1").FeedbackAsync(r)).Str("selfEvaluation", "comment"));
        Assert.Single((await student.GetRequestAsync(r)).Actions(), a => a == "service_request.self_evaluated");
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("student2").GetAsync($"/api/v1/service-requests/{r.Id()}/feedback", Ct)).StatusCode);
    }
}
