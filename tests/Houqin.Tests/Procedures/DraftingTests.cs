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

public class DraftingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_parameter_of_the_wrong_type_or_unit_or_unknown_to_the_code_is_refused_naming_it()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();
        var director = web.As("director");

        await director.SetParameterAsync(id, 2, "procurement.tenderThreshold", "1000").RefusedAsync(HttpStatusCode.UnprocessableEntity, "procurement.tenderThreshold");
        await director.SetParameterAsync(id, 2, "procurement.tenderThreshold", 1000.005).RefusedAsync(HttpStatusCode.UnprocessableEntity, "procurement.tenderThreshold");
        await director.SetParameterAsync(id, 2, "serviceDesk.handOff.acceptWithin", 10).RefusedAsync(HttpStatusCode.UnprocessableEntity, "serviceDesk.handOff.acceptWithin");
        await director.SetParameterAsync(id, 2, "serviceDesk.handOff.acceptWithin", "10 minutes").RefusedAsync(HttpStatusCode.UnprocessableEntity, "serviceDesk.handOff.acceptWithin");
        // Whole working days only: a complaint's answer is due at the end of a working day.
        await director.SetParameterAsync(id, 2, "serviceDesk.complaint.answerWithin", "PT4H").RefusedAsync(HttpStatusCode.UnprocessableEntity, "serviceDesk.complaint.answerWithin");
        await director.SetParameterAsync(id, 2, "serviceDesk.returnVisit.atOrBelowRating", 9).RefusedAsync(HttpStatusCode.UnprocessableEntity, "serviceDesk.returnVisit.atOrBelowRating");
        await director.SetParameterAsync(id, 2, "dualControl.operations", new[] { "finance.payment", "canteen.tasting" }).RefusedAsync(HttpStatusCode.UnprocessableEntity, "dualControl.operations");
        await director.SetParameterAsync(id, 2, "procurement.lunchBudget", 30).RefusedAsync(HttpStatusCode.UnprocessableEntity, "procurement.lunchBudget");
        await director.SetParameterAsync(id, 2, "serviceDesk.commitments.no-such-category.normal.resolve", "P1D")
            .RefusedAsync(HttpStatusCode.UnprocessableEntity, "serviceDesk.commitments.no-such-category.normal.resolve");

        var unchanged = await director.GetAsync(VersionUrl(id, 2), Ct).ExpectAsync();
        Assert.Equal(1000m, unchanged.GetProperty("parameters").GetProperty("procurement.tenderThreshold").GetProperty("value").GetDecimal());
        Assert.False(unchanged.GetProperty("parameters").TryGetProperty("procurement.lunchBudget", out _));

        var set = await director.SetParameterAsync(id, 2, "procurement.tenderThreshold", 1234.50).ExpectAsync();
        Assert.Equal(1234.5m, set.GetProperty("parameters").GetProperty("procurement.tenderThreshold").GetProperty("value").GetDecimal());
        var category = await director.SetParameterAsync(id, 2, "serviceDesk.commitments.water-leak.urgent.arrive", "PT90M").ExpectAsync();
        Assert.Equal("PT1H30M", category.GetProperty("parameters").GetProperty("serviceDesk.commitments.water-leak.urgent.arrive").Str("value"));
        await director.SetParameterAsync(id, 2, "dualControl.operations", new[] { "stores.issue", "finance.payment" }).ExpectAsync();
        Assert.Contains("procedure.parameter_set", await web.AuditAsync(2));
    }

    [Fact]
    public async Task Only_the_director_or_the_named_clerk_drafts()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();

        await web.As("water2").SetParameterAsync(id, 2, "procurement.tenderThreshold", 800).RefusedAsync(HttpStatusCode.Forbidden, "not_allowed");
        await web.As("deputy").SetParameterAsync(id, 2, "procurement.tenderThreshold", 800).RefusedAsync(HttpStatusCode.Forbidden, "not_allowed");
        var student = await web.As("student").SetParameterAsync(id, 2, "procurement.tenderThreshold", 800);
        Assert.Equal(HttpStatusCode.Forbidden, student.StatusCode);

        var clerk = $"/api/v1/procedures/{id}/clerk";
        await web.As("deputy").PutAsJsonAsync(clerk, new { userName = "deputy" }, Ct).RefusedAsync(HttpStatusCode.Forbidden, "not_allowed");
        await web.As("director").PutAsJsonAsync(clerk, new { userName = "student" }, Ct).RefusedAsync(HttpStatusCode.UnprocessableEntity, "userName");
        await web.As("director").PutAsJsonAsync(clerk, new { userName = "deputy" }, Ct).ExpectAsync();
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Action == "procedure.clerk_named" && e.Actor == "director", Ct));
        }
        var set = await web.As("deputy").SetParameterAsync(id, 2, "procurement.tenderThreshold", 800).ExpectAsync();
        Assert.Equal(800m, set.GetProperty("parameters").GetProperty("procurement.tenderThreshold").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_comment_after_the_closing_instant_is_refused_and_the_drafter_is_told_the_consultation_closed()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();

        await web.As("teacher").PostAsync(VersionUrl(id, 2, "comments"), new { clause = 3, text = "建议公布维修电话。" }).ExpectAsync(HttpStatusCode.Created);
        await web.ClientAs(null).PostAsync(VersionUrl(id, 2, "comments"), new { clause = 3, text = "匿名" }).ExpectAsync(HttpStatusCode.Unauthorized);
        // The demo's consultation closes on Sunday 12-13 09:00, thirteen days after the tests' clock starts.
        await web.AdvanceAsync("P12DT23H59M");
        await web.As("student").PostAsync(VersionUrl(id, 2, "comments"), new { clause = 3, text = "最后一分钟。" }).ExpectAsync(HttpStatusCode.Created);
        await web.AdvanceAsync("PT1M");

        await web.As("student").PostAsync(VersionUrl(id, 2, "comments"), new { clause = 3, text = "晚了一分钟。" }).RefusedAsync(HttpStatusCode.Conflict, "consultation_closed");
        var v2 = await web.ClientAs(null).GetAsync(VersionUrl(id, 2), Ct).ExpectAsync();
        Assert.Equal("false", v2.Str("acceptsComments"));
        Assert.Equal(3, (await web.ClientAs(null).GetAsync(VersionUrl(id, 2, "comments"), Ct).ExpectAsync()).GetArrayLength());
        Assert.Equal(new[] { "procedure.commented", "procedure.commented", "procedure.consultation_closed" }, await web.AuditAsync(2));
        var notice = Assert.Single(await web.NoticesAsync("director", "procedure.consultation_closed"));
        Assert.Contains("\"comments\":\"3\"", notice, StringComparison.Ordinal);

        // The notice leads the drafter to the version's page, which they may open.
        var director = web.As("director");
        var told = (await director.GetAsync("/api/v1/notifications?limit=100", Ct).ExpectAsync()).GetProperty("items").EnumerateArray().Single(n => n.Str("kind") == "procedure.consultation_closed");
        Assert.Equal($"/procedures/{id}/v/2", told.Str("link"));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(told.Str("link"), Ct)).StatusCode);
    }
}
