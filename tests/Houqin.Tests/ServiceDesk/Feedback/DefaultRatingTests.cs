using System.Net;
using System.Text.Json;
using Houqin.Features.Assessment;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Deadlines;
using Houqin.Tests.Assessment;
using Microsoft.EntityFrameworkCore;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.ServiceDesk.Feedback;

/// <summary>
/// Every confirmed request nobody rates is counted as defaulted, never as a real rating (ADR 0023): confirmed by hand,
/// when the policy's rating window (7 days by default) closes; logged for a caller without an account, at confirmation.
/// </summary>
public class DefaultRatingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> DefaultsAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web, JsonElement r)
    {
        var id = Guid.Parse(r.Id());
        return web.RowsAsync(db => Ratings.WithDefaults(db).CountAsync(g => g.RequestId == id && g.IsDefault, Ct));
    }

    private static Task<int> PendingWindowsAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web, JsonElement r)
    {
        var id = Guid.Parse(r.Id());
        return web.RowsAsync(db => db.Set<Deadline>().CountAsync(d => d.SubjectId == id && d.Kind == RequestTimers.DefaultRating && d.FiredAt == null && d.CancelledAt == null, Ct));
    }

    [Fact]
    public async Task A_request_confirmed_by_hand_and_never_rated_is_defaulted_when_the_rating_window_closes()
    {
        var (app, web, r) = await ConfirmedAsync();
        await using var running = app;
        var student = web.As("student");

        await web.AdvanceAsync("P6DT23H59M59S");
        Assert.Equal(JsonValueKind.Null, (await student.FeedbackAsync(r)).GetProperty("rating").ValueKind);
        Assert.Equal(0, await DefaultsAsync(web, r));

        await web.AdvanceAsync("PT1S");
        var rating = (await student.FeedbackAsync(r)).GetProperty("rating");
        Assert.True(rating.GetProperty("isDefault").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rating.GetProperty("satisfaction").ValueKind);
        Assert.Equal(1, await DefaultsAsync(web, r));
        var id = Guid.Parse(r.Id());
        Assert.Equal(0, await web.RowsAsync(db => Ratings.Real(db).CountAsync(g => g.RequestId == id, Ct)));
        var line = (await student.GetRequestAsync(r)).GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal(("system", "service_request.default_rated"), (line.Str("actor"), line.Str("action")));

        // The requester may still rate later: the real rating takes the default's place, once.
        var rated = await OkAsync(student.StepAsync(r, "rate", Scores(4, 4, 4, 4)));
        Assert.False(rated.GetProperty("rating").GetProperty("isDefault").GetBoolean());
        Assert.Equal(0, await DefaultsAsync(web, r));
        await AssertProblemAsync(student.StepAsync(r, "rate", Scores()), HttpStatusCode.Conflict, Rating.AlreadyRated);
    }

    [Fact]
    public async Task A_rating_within_the_window_cancels_the_default_and_is_never_replaced()
    {
        var (app, web, r) = await ConfirmedAsync();
        await using var running = app;
        var student = web.As("student");
        Assert.Equal(1, await PendingWindowsAsync(web, r));

        await web.AdvanceAsync("P2D");
        await OkAsync(student.StepAsync(r, "rate", Scores(5, 4, 5, 4)));
        Assert.Equal(0, await PendingWindowsAsync(web, r));
        await web.AdvanceAsync("P10D");

        var rating = (await student.FeedbackAsync(r)).GetProperty("rating");
        Assert.False(rating.GetProperty("isDefault").GetBoolean());
        Assert.Equal(4, rating.GetProperty("quality").GetInt32());
        Assert.Equal(0, await DefaultsAsync(web, r));
        Assert.DoesNotContain("service_request.default_rated", (await student.GetRequestAsync(r)).Actions());
    }

    [Fact]
    public async Task A_logged_request_confirmed_by_its_owner_is_defaulted_at_once_since_its_caller_cannot_rate()
    {
        // Monday 11-30 10:00: the front desk logs a call; water2, on the water post, mends it; the front desk calls the
        // caller back and confirms for them.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (frontdesk, water2) = (web.As("frontdesk"), web.As("water2"));
        var r = await frontdesk.LogCallAsync();
        await water2.HandleToCompletionAsync(r);
        await water2.RefusedAsync(r, "confirm", null, HttpStatusCode.Forbidden, "not_allowed");
        await frontdesk.OkAsync(r, "confirm");
        // Its window closes at the confirmation: the next sweep (a few seconds at most) records the default.
        await web.AdvanceAsync("PT0S");

        var rating = (await frontdesk.FeedbackAsync(r)).GetProperty("rating");
        Assert.True(rating.GetProperty("isDefault").GetBoolean());
        Assert.Equal(0, await PendingWindowsAsync(web, r));
        Assert.Equal(
            [("frontdesk", "service_request.confirmed"), ("system", "service_request.default_rated")],
            (await frontdesk.GetRequestAsync(r)).Timeline().TakeLast(2)
        );
        // Nobody can rate it in the caller's place.
        await AssertProblemAsync(frontdesk.StepAsync(r, "rate", Scores()), HttpStatusCode.Forbidden, "not_allowed");
    }

    [Fact]
    public async Task Defaults_left_by_the_rating_window_and_by_a_logged_call_never_move_the_scorecard()
    {
        // Tuesday 12-01 09:00: water1 has the water post's day shift.
        var (app, web) = await StartAsync(Beijing(12, 1, 9, 0));
        await using var running = app;
        var (student, water1, frontdesk) = (web.As("student"), web.As("water1"), web.As("frontdesk"));
        var rated = await student.ReportAsync().CreatedAsync();
        var unrated = await student.ReportAsync().CreatedAsync();
        var call = await frontdesk.LogCallAsync();
        foreach (var r in new[] { rated, unrated, call })
        {
            Assert.Equal("water1", r.Str("handler", "userName"));
            await water1.HandleToCompletionAsync(r);
        }
        await student.OkAsync(rated, "confirm");
        await student.OkAsync(rated, "rate", Scores(5, 4, 3, 2));
        await student.OkAsync(unrated, "confirm");
        await frontdesk.OkAsync(call, "confirm");
        var before = await water1.SeeCardAsync("water1", "2026-12");

        await web.AdvanceAsync("P8D");

        Assert.Equal(1, await DefaultsAsync(web, unrated));
        Assert.Equal(1, await DefaultsAsync(web, call));
        var after = await water1.SeeCardAsync("water1", "2026-12");
        foreach (var card in new[] { before, after })
        {
            Assert.Equal(1, card.Value("ratings.count"));
            Assert.Equal([Guid.Parse(rated.Id())], card.RequestIds("ratings.count"));
            Assert.Equal([5m, 4m, 3m, 2m], Figures.Dimensions.Select(d => card.Value($"ratings.{d}.mean")!.Value));
        }
    }
}
