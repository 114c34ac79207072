using System.Net;
using System.Text.RegularExpressions;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Calendar;

public partial class CalendarAdminPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_administrator_sees_the_year_s_days_in_Chinese_and_only_the_administrator_may()
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        var html = await admin.GetStringAsync("/Admin/Calendar?year=2026", Ct);
        Assert.Contains("工作日历 2026", html, StringComparison.Ordinal);
        Assert.Contains("2026-02-14", html, StringComparison.Ordinal);
        Assert.Contains("调休上班", html, StringComparison.Ordinal);
        Assert.Contains("已发布", html, StringComparison.Ordinal);

        var english = await admin.GetStringAsync("/Admin/Calendar?year=2027&culture=en-US&ui-culture=en-US", Ct);
        Assert.Contains("No State Council schedule for this year yet", english, StringComparison.Ordinal);

        using var staff = host.ClientAs("water1");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/Admin/Calendar", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_import_re_renders_with_422_and_a_good_one_redirects_to_the_imported_year()
    {
        await using var app = await TestApp.StartAsync();
        var host = app.WithTestSignIn();
        using var admin = host.ClientAs("admin");
        var token = await TokenAsync(admin);

        var bad = await PostAsync(admin, "Import", token, new() { ["ImportJson"] = """{"year":2027,"days":[]}""" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("days", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var good = await PostAsync(
            admin,
            "Import",
            token,
            new() { ["ImportJson"] = """{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}""" }
        );
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("year=2027", good.Headers.Location!.ToString(), StringComparison.Ordinal);

        var day = await PostAsync(
            admin,
            "Day",
            token,
            new()
            {
                ["Day.Date"] = "2027-01-31",
                ["Day.Kind"] = "MakeUpWorkday",
                ["Day.Name"] = "春节",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, day.StatusCode);
        var html = await admin.GetStringAsync("/Admin/Calendar?year=2027", Ct);
        Assert.Contains("2027-01-31", html, StringComparison.Ordinal);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "calendar.year_imported" && e.SubjectId == "2027", Ct));
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Action == "calendar.day_set" && e.SubjectId == "2027-01-31", Ct));
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/Admin/Calendar?year=2027", Ct);
        return TokenPattern().Match(html).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return client.PostAsync($"/Admin/Calendar?year=2027&handler={handler}", new FormUrlEncodedContent(fields), Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
