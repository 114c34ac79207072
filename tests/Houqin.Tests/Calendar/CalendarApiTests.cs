using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Calendar;

public class CalendarApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Year2027 = """
        {"year":2027,"papers":[],"days":[
          {"name":"元旦","date":"2027-01-01","isOffDay":true},
          {"name":"元旦","date":"2027-01-02","isOffDay":true},
          {"name":"元旦","date":"2027-01-03","isOffDay":true},
          {"name":"春节","date":"2027-02-06","isOffDay":true},
          {"name":"春节","date":"2027-01-31","isOffDay":false}
        ]}
        """;

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        var response = await client.GetAsync("/api/v1/calendar?from=2026-01-01&to=2026-01-31", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_sees_Spring_Festival_2026_with_its_make_up_Saturdays()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithTestSignIn().ClientAs("student");
        var days = await client.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2026-02-13&to=2026-03-01", Ct);
        var byDate = days!.ToDictionary(d => d.Date);
        Assert.Equal(17, days!.Count);
        Assert.Equal(new Day("2026-02-13", true, "Workday", null, false), byDate["2026-02-13"]);
        Assert.Equal(new Day("2026-02-14", true, "MakeUpWorkday", "春节", false), byDate["2026-02-14"]);
        Assert.Equal(new Day("2026-02-15", false, "Holiday", "春节", false), byDate["2026-02-15"]);
        Assert.Equal(new Day("2026-02-21", false, "Holiday", "春节", false), byDate["2026-02-21"]);
        Assert.Equal(new Day("2026-02-24", true, "Workday", null, false), byDate["2026-02-24"]);
        Assert.Equal(new Day("2026-02-28", true, "MakeUpWorkday", "春节", false), byDate["2026-02-28"]);
        Assert.Equal(new Day("2026-03-01", false, "Weekend", null, false), byDate["2026-03-01"]);
    }

    [Fact]
    public async Task Two_full_years_list_every_date_and_the_published_days_off()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithTestSignIn().ClientAs("teacher");
        var days = await client.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2025-01-01&to=2026-12-31", Ct);
        Assert.Equal(365 + 365, days!.Count);
        // PRODUCT.md: 2025 has 1+8+3+5+3+8 days off, 2026 has 3+9+3+5+3+3+7; 5 and 6 make-up days.
        Assert.Equal(28 + 33, days.Count(d => d.Kind == "Holiday"));
        Assert.Equal(11, days.Count(d => d.Kind == "MakeUpWorkday"));
        Assert.All(days, d => Assert.Equal(d.Kind is "Workday" or "MakeUpWorkday", d.Working));
        Assert.DoesNotContain(days, d => d.Provisional);
    }

    [Fact]
    public async Task A_year_without_data_is_marked_provisional()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithTestSignIn().ClientAs("student");
        var days = await client.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2027-01-01&to=2027-01-04", Ct);
        Assert.Equal(
            [
                new Day("2027-01-01", true, "Workday", null, true),
                new Day("2027-01-02", false, "Weekend", null, true),
                new Day("2027-01-03", false, "Weekend", null, true),
                new Day("2027-01-04", true, "Workday", null, true),
            ],
            days
        );
    }

    [Theory]
    [InlineData("from=2024-01-01&to=2027-06-30", "range_too_long")]
    [InlineData("from=2026-02-30&to=2026-03-01", "validation_failed")]
    [InlineData("from=2026-03-01&to=2026-02-01", "validation_failed")]
    [InlineData("to=2026-03-01", "validation_failed")]
    public async Task Bad_ranges_are_422_with_a_code(string query, string code)
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.WithTestSignIn().ClientAs("student");
        var response = await client.GetAsync("/api/v1/calendar?" + query, Ct);
        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, code);
    }

    [Fact]
    public async Task An_administrator_imports_a_new_year_in_holiday_cn_format_and_it_stops_being_provisional()
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        var created = await admin.PostAsync("/api/v1/calendar/years", Json(Year2027), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var days = await admin.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2027-01-01&to=2027-01-31", Ct);
        Assert.Equal(new Day("2027-01-01", false, "Holiday", "元旦", false), days![0]);
        Assert.Equal(new Day("2027-01-31", true, "MakeUpWorkday", "春节", false), days[30]);

        // A re-import (an amended notice) replaces the year: the day it no longer lists is gone.
        var amended = Year2027.Replace("""{"name":"元旦","date":"2027-01-03","isOffDay":true},""", "", StringComparison.Ordinal);
        var replaced = await admin.PostAsync("/api/v1/calendar/years", Json(amended), Ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        days = await admin.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2027-01-03&to=2027-01-03", Ct);
        Assert.Equal("Weekend", days![0].Kind);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.Set<AuditEvent>().Where(e => e.Action == "calendar.year_imported" && e.SubjectId == "2027").ToListAsync(Ct);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("admin", e.Actor));
        Assert.Equal(4, await db.Set<CalendarDay>().CountAsync(d => d.Date >= new DateOnly(2027, 1, 1), Ct));

        var export = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/years/2027", Ct);
        Assert.Equal(4, export.GetProperty("days").GetArrayLength());
        Assert.Equal("2027-01-01", export.GetProperty("days")[0].GetProperty("date").GetString());
    }

    [Theory]
    [InlineData("""{"year":2027}""", "days")]
    [InlineData("""{"year":"2027","days":[]}""", "year")]
    [InlineData("""{"year":2027,"days":[]}""", "days")]
    [InlineData("""{"year":2027,"days":[{"name":"元旦","date":"2027-13-01","isOffDay":true}]}""", "days[0].date")]
    [InlineData("""{"year":2027,"days":[{"name":"","date":"2027-01-01","isOffDay":true}]}""", "days[0].name")]
    [InlineData("""{"year":2027,"days":[{"name":"元旦","date":"2027-01-01"}]}""", "days[0].isOffDay")]
    [InlineData(
        """{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},{"name":"元旦","date":"2027-01-01","isOffDay":true}]}""",
        "days[1].date"
    )]
    public async Task A_bad_import_is_422_naming_the_field_and_changes_nothing(string body, string field)
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        var response = await admin.PostAsync("/api/v1/calendar/years", Json(body), Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Set<CalendarYear>().AnyAsync(y => y.Year == 2027, Ct));
    }

    [Fact]
    public async Task Malformed_json_is_400_and_non_administrators_are_403()
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        await AssertProblemAsync(await admin.PostAsync("/api/v1/calendar/years", Json("{\"year\":"), Ct), HttpStatusCode.BadRequest, "malformed_json");
        // What a cross-site form could send with the administrator's cookie is refused before it is read.
        using var plain = new StringContent(Year2027, System.Text.Encoding.UTF8, "text/plain");
        await AssertProblemAsync(await admin.PostAsync("/api/v1/calendar/years", plain, Ct), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        using var staff = host.ClientAs("water1");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/v1/calendar/years", Json(Year2027), Ct)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_adds_a_regional_day_off_seen_only_in_that_region()
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        var put = await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-04-20", new { kind = "DayOff", name = "三月三", region = "GX" }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var regional = await admin.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2026-04-20&to=2026-04-20&region=GX", Ct);
        var national = await admin.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2026-04-20&to=2026-04-20", Ct);
        Assert.Equal(new Day("2026-04-20", false, "Holiday", "三月三", false), regional![0]);
        Assert.Equal(new Day("2026-04-20", true, "Workday", null, false), national![0]);

        await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-04-20", new { kind = "DayOff", name = "壮族三月三", region = "GX" }, Ct);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var change = await db.Set<AuditEvent>().OrderBy(e => e.Sequence).LastAsync(e => e.Action == "calendar.day_set", Ct);
            Assert.Equal("2026-04-20", change.SubjectId);
            var data = JsonDocument.Parse(change.Data).RootElement;
            Assert.Equal("壮族三月三", data.GetProperty("name").GetString());
            Assert.Equal("三月三", data.GetProperty("before").GetProperty("name").GetString());
        }

        var bad = await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-04-20", new { kind = "Party", name = "x" }, Ct);
        await AssertProblemAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/calendar/days/2026-04-20?region=GX", Ct)).StatusCode);
        regional = await admin.GetFromJsonAsync<List<Day>>("/api/v1/calendar?from=2026-04-20&to=2026-04-20&region=GX", Ct);
        Assert.Equal("Workday", regional![0].Kind);
    }

    [Fact]
    public async Task Office_hours_and_vacations_are_edited_by_the_administrator_and_drive_the_calendar()
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        var put = await admin.PutAsJsonAsync(
            "/api/v1/calendar/office-hours",
            new { campus = "east", seasons = new[] { new { season = "全年", from = "01-01", to = "12-31", periods = "09:00-11:00" } } },
            Ct
        );
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var vacation = await admin.PostAsJsonAsync(
            "/api/v1/calendar/vacations",
            new { name = "寒假", from = "2027-01-18", to = "2027-02-26", periods = "" },
            Ct
        );
        Assert.Equal(HttpStatusCode.Created, vacation.StatusCode);
        var badHours = await admin.PutAsJsonAsync(
            "/api/v1/calendar/office-hours",
            new { seasons = new[] { new { season = "x", from = "01-01", to = "12-31", periods = "17:00-08:00" } } },
            Ct
        );
        await AssertProblemAsync(badHours, HttpStatusCode.UnprocessableEntity, "validation_failed");
        using var nullSeason = new StringContent("{\"seasons\":[null]}", System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(
            await admin.PutAsync("/api/v1/calendar/office-hours", nullSeason, Ct),
            HttpStatusCode.UnprocessableEntity,
            "validation_failed"
        );

        var calendar = await host.Services.GetRequiredService<CalendarCache>().GetAsync(Ct);
        var monday = ShippedCalendar.At(2026, 11, 30, 0, 0);
        var tuesday = ShippedCalendar.At(2026, 12, 1, 0, 0);
        Assert.Equal(TimeSpan.FromHours(2), calendar.WorkingTimeBetween(monday, tuesday, new WorkingPlace("east")).Duration);
        Assert.Equal(TimeSpan.FromHours(7.5), calendar.WorkingTimeBetween(monday, tuesday).Duration);
        Assert.Empty(calendar.OfficePeriods(new DateOnly(2027, 1, 18)));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "calendar.office_hours_set", Ct));
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "calendar.vacation_added", Ct));
    }

    [Fact]
    public async Task Seeding_again_keeps_an_administrator_s_changes_and_adds_nothing_twice()
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-12-31", new { kind = "DayOff", name = "校庆" }, Ct);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await db.Set<CalendarDay>().CountAsync(Ct);

        await DataModule.MigrateAsync(host.Services, Ct);

        Assert.Equal(before, await db.Set<CalendarDay>().CountAsync(Ct));
        Assert.Equal(2, await db.Set<OfficeHours>().CountAsync(Ct));
        Assert.Equal([2025, 2026], await db.Set<CalendarYear>().OrderBy(y => y.Year).Select(y => y.Year).ToListAsync(Ct));
        Assert.Equal("校庆", (await db.Set<CalendarDay>().SingleAsync(d => d.Date == new DateOnly(2026, 12, 31), Ct)).Name);
        var shipped = await db.Set<AuditEvent>().Where(e => e.Action == "calendar.year_imported").OrderBy(e => e.SubjectId).ToListAsync(Ct);
        Assert.Equal(["2025", "2026"], shipped.Select(e => e.SubjectId));
        Assert.All(shipped, e => Assert.Equal(CurrentActor.System, e.Actor));
    }

    private sealed record Day(string Date, bool Working, string Kind, string? Name, bool Provisional);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}
