using System.Net;
using System.Text;
using System.Text.Json;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Audit;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Security;

/// <summary>
/// ADR 0033: text holding a C0 control character other than tab, line feed and carriage return is refused at the
/// input boundary, 400 <c>control_character</c> naming the field, and nothing is written. PostgreSQL cannot store
/// U+0000 at all: before, the service desk's create and steps answered 500 there, and SQLite stored it.
/// </summary>
public class ControlCharacterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>NUL first (the one PostgreSQL refuses), then the others nobody types: bell, backspace, vertical tab, form feed, escape, unit separator.</summary>
    public static readonly string[] Refused = ["\u0000", "\u0007", "\b", "\u000b", "\f", "\u001b", "\u001f"];

    public static TheoryData<string> RefusedCharacters => new(Refused.Select(c => $"U+{(int)c[0]:X4}"));

    private static string Char(string codePoint) => ((char)Convert.ToInt32(codePoint[2..], 16)).ToString();

    [Theory]
    [MemberData(nameof(RefusedCharacters))]
    public async Task A_report_whose_description_holds_a_control_character_is_refused_naming_the_field_and_nothing_is_made(string codePoint)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var before = await CountsAsync(web);

        var response = await web.As("student").ReportAsync(extra: new { description = "卫生间" + Char(codePoint) + "漏水" });

        await AssertRefusedAsync(response, "description");
        Assert.Equal(before, await CountsAsync(web));
    }

    [Fact]
    public async Task A_logged_call_whose_caller_name_holds_NUL_is_refused_naming_caller_name()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var before = await CountsAsync(web);

        var response = await web.As("frontdesk").ReportAsync(extra: new { channel = "Phone", caller = new { name = "赵\0老师", phone = "13800001111" } });

        await AssertRefusedAsync(response, "caller.name");
        Assert.Equal(before, await CountsAsync(web));
    }

    [Fact]
    public async Task Tabs_and_line_breaks_in_a_description_are_kept_exactly()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        const string text = "卫生间漏水：\r\n1. 水管\t接头\n2. 地漏";

        var made = await web.As("student").ReportAsync(extra: new { description = text }).CreatedAsync();

        Assert.Equal(text, (await web.As("student").GetRequestAsync(made)).Str("description"));
    }

    [Theory]
    [MemberData(nameof(RefusedCharacters))]
    public async Task A_step_whose_reason_holds_a_control_character_is_refused_and_the_request_is_unchanged(string codePoint)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var water2 = web.As("water2");
        var r = await water2.GetRequestAsync(await web.As("student").ReportAsync().CreatedAsync());
        var before = await CountsAsync(web);
        var bad = "联系不上" + Char(codePoint) + "水电工";

        await AssertRefusedAsync(await water2.StepAsync(r, "escalate", new { reason = bad }), "reason");
        await AssertRefusedAsync(await water2.StepAsync(r, "handoff", new { toUserName = "water1", reason = bad }), "reason");
        await AssertRefusedAsync(await water2.StepAsync(r, "handoff", new { toUserName = "water" + Char(codePoint) + "1", reason = "他有配件" }), "toUserName");
        await AssertRefusedAsync(await water2.StepAsync(r, "pause", new { reason = bad }), "reason");
        await AssertRefusedAsync(await water2.StepAsync(r, "complete", new { method = "更换接头", result = "已修好", materials = new[] { "接头", bad } }), "materials[1]");

        Assert.Equal(before, await CountsAsync(web));
        var after = await water2.GetRequestAsync(r);
        Assert.Equal(0, after.Level());
        Assert.Equal(r.Timeline(), after.Timeline());
        // The same steps with clean text still work: the refusal was the character's, not the step's.
        Assert.Equal(1, (await water2.OkAsync(r, "escalate", new { reason = "联系不上水电工" })).Level());
    }

    [Theory]
    [InlineData("/api/v1/service-requests?q=%E6%BC%8F%00", "q")]
    [InlineData("/api/v1/service-requests?cursor=abc%00def", "cursor")]
    [InlineData("/api/v1/service-requests?status=Submitted%01", "status")]
    public async Task A_query_value_holding_a_control_character_is_refused_naming_the_parameter(string url, string field)
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;

        var response = await web.As("water1").GetAsync(url, Ct);

        await AssertRefusedAsync(response, field);
    }

    [Fact]
    public async Task A_holiday_name_with_NUL_in_an_imported_year_is_refused_naming_the_day()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        const string year = """{"year":2031,"papers":[],"days":[{"name":"元旦\u0000","date":"2031-01-01","isOffDay":true}]}""";

        var response = await web.As("admin").PostAsync("/api/v1/calendar/years", new StringContent(year, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("days[0].name", out _), await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>400 <c>control_character</c> naming <paramref name="field"/>, no stack trace, no SQL.</summary>
    internal static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("control_character", problem.Str("code"));
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors do not name {field}: {text}");
    }

    /// <summary>Requests and audit events: what a refused call must not have added to.</summary>
    internal static async Task<(int Requests, int Events)> CountsAsync(WebApplicationFactory<Program> web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Set<ServiceRequest>().CountAsync(Ct), await db.Set<AuditEvent>().CountAsync(Ct));
    }
}
