using System.Net.Http.Json;
using Houqin.Data;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Organisation;

/// <summary>
/// The demo roster starts on Monday 2026-11-23 (the template is seeded on Sunday 11-29): water-duty day
/// shifts (08–20) and night shifts (20–08) swap daily, so on 11-30 water2 has the day and water1 the night.
/// </summary>
public class DutyRosterTests
{
    private sealed record OnDutyDto(string UserName, string DisplayName, string? ActingFor);

    private static async Task<List<OnDutyDto>> OnDutyAsync(HttpClient client, string post, string at)
    {
        var list = await client.GetFromJsonAsync<List<OnDutyDto>>(
            $"/api/v1/org/on-duty?post={post}&at={Uri.EscapeDataString(at)}",
            TestContext.Current.CancellationToken
        );
        return list!;
    }

    [Fact]
    public async Task Day_and_night_shifts_answer_with_the_rostered_person()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithTestSignIn().ClientAs("student");

        Assert.Equal(["water2"], (await OnDutyAsync(client, "water-duty", "2026-11-30T10:00:00+08:00")).Select(o => o.UserName));
        Assert.Equal(["water1"], (await OnDutyAsync(client, "water-duty", "2026-11-30T23:30:00+08:00")).Select(o => o.UserName));
        // The night shift that began on Friday 12-04 runs into Saturday morning.
        Assert.Equal(["water1"], (await OnDutyAsync(client, "water-duty", "2026-12-05T03:00:00+08:00")).Select(o => o.UserName));
        // The front desk keeps office hours: nobody at night.
        Assert.Empty(await OnDutyAsync(client, "front-desk", "2026-11-30T22:00:00+08:00"));
    }

    [Fact]
    public async Task An_absent_person_is_replaced_by_their_delegate_and_the_delegates_delegate()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var client = factory.ClientAs("frontdesk");

        // The seeded leave: water2 is away 12-07..12-09, leader-water stands in on water2's night shift.
        var seeded = await OnDutyAsync(client, "water-duty", "2026-12-07T22:00:00+08:00");
        Assert.Equal([new OnDutyDto("leader-water", "赵志强", "water2")], seeded);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ids = await db.Users.Where(u => u.UserName == "water2" || u.UserName == "repair1" || u.UserName == "leader-repair")
                .ToDictionaryAsync(u => u.UserName!, u => u.Id, TestContext.Current.CancellationToken);
            var from = new DateTime(2026, 11, 29, 16, 0, 0, DateTimeKind.Utc); // 11-30 00:00 in Beijing
            db.Add(new Absence(ids["water2"], from, from.AddDays(1), ids["repair1"], "病假"));
            db.Add(new Absence(ids["repair1"], from, from.AddDays(1), ids["leader-repair"], "培训"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var onDuty = await OnDutyAsync(client, "water-duty", "2026-11-30T10:00:00+08:00");
        Assert.Equal([new OnDutyDto("leader-repair", "吴德明", "water2")], onDuty);
        // Outside the absence the rostered person is back.
        Assert.Equal(["water2"], (await OnDutyAsync(client, "water-duty", "2026-12-02T10:00:00+08:00")).Select(o => o.UserName));
    }

    [Fact]
    public async Task Asking_for_an_unknown_post_is_404_and_anonymous_callers_get_401()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        using var signedIn = factory.ClientAs("student");
        using var anonymous = factory.ClientAs(null);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await signedIn.GetAsync("/api/v1/org/on-duty?post=nope", ct)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/org/on-duty?post=water-duty", ct)).StatusCode);
    }
}
