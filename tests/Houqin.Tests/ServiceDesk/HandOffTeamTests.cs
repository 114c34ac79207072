using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Tests.DeskPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Board.BoardPageTests;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.ServiceDesk;

/// <summary>
/// A hand-off to another team, once accepted, makes the request that team's: its board and its ladder (ADR 0032).
/// The demo's water and repair teams share one deputy director, so their chains differ at the leader's rung.
/// </summary>
public class HandOffTeamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> TeamScopeAsync(WebApplicationFactory<Program> web, string userName) =>
        [
            .. (await web.As(userName).GetFromJsonAsync<JsonElement>("/api/v1/service-requests?scope=team", Ct))
                .GetProperty("items")
                .EnumerateArray()
                .Select(x => x.Str("number")),
        ];

    private static async Task<JsonElement> EventDataAsync(TestApp app, JsonElement r, string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var data = await db.Set<AuditEvent>().Where(e => e.SubjectId == r.Id() && e.Action == action).Select(e => e.Data).SingleAsync(Ct);
        return JsonDocument.Parse(data).RootElement.Clone();
    }

    [Fact]
    public async Task A_hand_off_to_another_teams_post_moves_the_request_there_when_accepted_and_the_receiving_leader_has_it_on_the_board()
    {
        // Monday 11-30 10:00: water2 is on duty at water-duty and owns the leak; repair1 has the repair-duty shift.
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair1) = (web.As("student"), web.As("water2"), web.As("repair1"));
        var r = await student.ReportAsync().CreatedAsync();
        var number = r.Str("number");
        Assert.Equal("water", r.Str("team", "code"));
        await water2.OkAsync(r, "acknowledge");

        // Until it is accepted nothing moves: still the water team's.
        var handed = await water2.OkAsync(r, "handoff", new { toPostCode = "repair-duty", reason = "柜门合页坏了，属木工" });
        Assert.Equal("water", handed.Str("team", "code"));
        Assert.Contains(number, await TeamScopeAsync(web, "leader-water"));
        Assert.DoesNotContain(number, await TeamScopeAsync(web, "leader-repair"));
        Assert.Equal("repair", (await EventDataAsync(app, r, "service_request.handed_off")).Str("toTeam"));

        var accepted = await repair1.OkAsync(r, "accept-handoff");
        Assert.Equal(new[] { "repair", "维修组" }, new[] { accepted.Str("team", "code"), accepted.Str("team", "name") });
        Assert.Contains(number, await TeamScopeAsync(web, "leader-repair"));
        Assert.Contains(number, await TeamScopeAsync(web, "repair2"));
        Assert.DoesNotContain(number, await TeamScopeAsync(web, "leader-water"));
        Assert.DoesNotContain(number, await TeamScopeAsync(web, "water1"));
        // water2 stays its first-contact owner and keeps it in view; water1, now outside it, does not.
        Assert.Equal(HttpStatusCode.OK, (await water2.GetAsync($"/api/v1/service-requests/{r.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("water1").GetAsync($"/api/v1/service-requests/{r.Id()}", Ct)).StatusCode);
        var moved = await EventDataAsync(app, r, "service_request.handoff_accepted");
        Assert.Equal(("water", "repair"), (moved.GetProperty("teamMoved").Str("from"), moved.GetProperty("teamMoved").Str("to")));

        // The request page names the team that answers for it.
        var (_, page) = await repair1.GetPageAsync($"/requests/{r.Id()}");
        Assert.Equal("维修组", page.Text("#request-team"));

        // Thursday 12-03 10:00, three working days on, unresolved: the ladder climbs the repair team's chain.
        await web.AdvanceAsync("P3D");
        var late = await student.GetRequestAsync(r);
        Assert.Equal(1, late.Level());
        Assert.Equal(["leader-repair"], late.CoOwners());
        var (_, repairBoard) = await web.As("leader-repair").GetPageAsync("/board");
        Assert.Contains(number, Numbers(repairBoard, "overdue"));
        Assert.Contains(number, Numbers(repairBoard, "escalated"));
        var (_, waterBoard) = await web.As("leader-water").GetPageAsync("/board");
        Assert.DoesNotContain(number, Numbers(waterBoard, "overdue"));
        Assert.DoesNotContain(number, Numbers(waterBoard, "escalated"));
    }

    [Fact]
    public async Task A_hand_off_to_a_named_person_of_another_team_moves_it_to_their_team_and_the_ladder_climbs_that_chain_to_the_director()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair2) = (web.As("student"), web.As("water2"), web.As("repair2"));
        var r = await student.ReportAsync().CreatedAsync();
        var number = r.Str("number");

        await water2.OkAsync(r, "handoff", new { toUserName = "repair2", reason = "木工活" });
        Assert.Equal("repair", (await repair2.OkAsync(r, "accept-handoff")).Str("team", "code"));
        Assert.Contains(number, await TeamScopeAsync(web, "leader-repair"));
        Assert.DoesNotContain(number, await TeamScopeAsync(web, "leader-water"));

        // Resolution missed Thursday 10:00: the repair leader, then (30 working minutes each) the deputy, then the director.
        await web.AdvanceAsync("P3D");
        Assert.Equal(["leader-repair"], (await student.GetRequestAsync(r)).CoOwners());
        await web.AdvanceAsync("PT31M");
        Assert.Equal(["leader-repair", "deputy"], (await student.GetRequestAsync(r)).CoOwners());
        await web.AdvanceAsync("PT31M");
        var top = await student.GetRequestAsync(r);
        Assert.Equal(3, top.Level());
        Assert.Equal(["leader-repair", "deputy", "director"], top.CoOwners());
        // It stops there and never loops.
        await web.AdvanceAsync("P10D");
        var later = await student.GetRequestAsync(r);
        Assert.Equal(3, later.Level());
        Assert.Equal(3, later.Timeline().Count(t => t.Action == "service_request.escalated"));
        Assert.DoesNotContain("leader-water", later.CoOwners());
    }

    [Fact]
    public async Task Moved_after_an_escalation_the_level_and_co_owners_stay_and_the_next_rung_is_the_new_teams()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair1) = (web.As("student"), web.As("water2"), web.As("repair1"));
        var r = await student.ReportAsync().CreatedAsync();
        Assert.Equal(["leader-water"], (await water2.OkAsync(r, "escalate", new { reason = "需要组长协调" })).CoOwners());

        await water2.OkAsync(r, "handoff", new { toPostCode = "repair-duty", reason = "维修组的活" });
        var accepted = await repair1.OkAsync(r, "accept-handoff");
        Assert.Equal("repair", accepted.Str("team", "code"));
        Assert.Equal(1, accepted.Level());
        Assert.Equal(["leader-water"], accepted.CoOwners());
        // The water leader left the team's list but, a co-owner, keeps it escalated to them on the board.
        Assert.DoesNotContain(r.Str("number"), await TeamScopeAsync(web, "leader-water"));
        var (_, waterBoard) = await web.As("leader-water").GetPageAsync("/board");
        Assert.Contains(r.Str("number"), Numbers(waterBoard, "escalated"));

        // Up from rung 1 of the repair team's chain: its deputy, then the director, then nothing more.
        var two = await repair1.OkAsync(r, "escalate", new { reason = "缺配件" });
        Assert.Equal(2, two.Level());
        Assert.Equal(["leader-water", "deputy"], two.CoOwners());
        Assert.Equal(3, (await repair1.OkAsync(r, "escalate", new { reason = "仍缺配件" })).Level());
        await repair1.RefusedAsync(r, "escalate", new { reason = "再升" }, HttpStatusCode.Conflict, "ladder_top");
    }

    [Fact]
    public async Task A_declined_hand_off_and_one_to_someone_in_no_team_leave_the_team_as_it_is()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2) = (web.As("student"), web.As("water2"));
        var r = await student.ReportAsync().CreatedAsync();

        await water2.OkAsync(r, "handoff", new { toPostCode = "repair-duty", reason = "维修组的活" });
        var declined = await web.As("repair1").OkAsync(r, "decline-handoff", new { reason = "是水管问题" });
        Assert.Equal("water", declined.Str("team", "code"));
        Assert.DoesNotContain(r.Str("number"), await TeamScopeAsync(web, "leader-repair"));

        // The deputy director holds no post (though the demo's deputy leads the hall team): accepting, they handle it
        // for the water team.
        await water2.OkAsync(r, "handoff", new { toUserName = "deputy", reason = "请主任协调" });
        var accepted = await web.As("deputy").OkAsync(r, "accept-handoff");
        Assert.Equal(("deputy", "water"), (accepted.Str("handler", "userName"), accepted.Str("team", "code")));
        Assert.Equal(JsonValueKind.Null, (await EventDataAsync(app, r, "service_request.handoff_accepted")).GetProperty("teamMoved").ValueKind);
        Assert.Contains(r.Str("number"), await TeamScopeAsync(web, "leader-water"));
    }
}
