using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Houqin.Data;
using Houqin.Features.Assessment;
using Houqin.Features.Organisation;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Houqin.Tests.Assessment;

/// <summary>The month's scorecards exported to a workbook and a printable PDF: what is in them, for whom, and safely.</summary>
public sealed class ScorecardExportTests
{
    private const string Month = "2026-11";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> GradesZh = new()
    {
        ["Excellent"] = "优秀",
        ["Competent"] = "称职",
        ["Basic"] = "基本称职",
        ["Unfit"] = "不称职",
    };

    [Fact]
    public async Task The_pdf_prints_the_month_in_chinese_with_only_the_cards_the_reader_may_see()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;

        var director = await PdfAsync(web, "director");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(director, 0, 4));
        var pages = ScorecardExportFiles.PdfPages(director);
        var text = string.Concat(pages);
        Assert.Contains("月度考核", text, StringComparison.Ordinal);
        Assert.Contains("实时数据", text, StringComparison.Ordinal);
        var everyone = await CardsAsync(web, "director");
        Assert.NotEmpty(everyone);
        Assert.All(everyone, p => Assert.Contains(p.GetProperty("displayName").GetString()!, text, StringComparison.Ordinal));

        var own = ScorecardExportFiles.PdfPages(await PdfAsync(web, "repair1"));
        var ownText = string.Concat(own);
        Assert.Contains("孙立新", ownText, StringComparison.Ordinal);
        Assert.DoesNotContain("张建国", ownText, StringComparison.Ordinal);
        Assert.DoesNotContain("班组排名", ownText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbook_holds_the_cards_the_reader_may_see_with_headers_in_their_language()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;

        var director = await XlsxAsync(web, "director");
        Assert.Equal(["人员", "班组"], ScorecardExportFiles.SheetNames(director));
        var people = ScorecardExportFiles.Sheet(director, "人员");
        var cards = await CardsAsync(web, "director");
        Assert.Equal(cards.Select(c => c.Str("userName")), people.Select(r => Text(r, "用户名")));
        for (var i = 0; i < cards.Count; i++)
        {
            Assert.Equal(cards[i].Str("displayName"), Text(people[i], "姓名"));
            Assert.Equal(Number(cards[i], "score"), Decimal(people[i], "得分"));
            Assert.Equal(cards[i].GetProperty("grade").GetString() is { } g ? GradesZh[g] : null, Text(people[i], "等级"));
            Assert.Equal(Number(cards[i], "reward"), Decimal(people[i], "奖惩（元）"));
            var resolve = cards[i].GetProperty("figures").EnumerateArray().Single(f => f.Str("key") == "commitments.resolve.keptRate");
            Assert.Equal(Number(resolve, "value"), Decimal(people[i], "办结承诺兑现率"));
            Assert.Equal(resolve.GetProperty("count").GetInt32(), (int)Decimal(people[i], "办结承诺兑现率（计数）")!.Value);
        }
        var month = await web.As("director").GetFromJsonAsync<JsonElement>($"/api/v1/scorecards?month={Month}", Ct);
        var teams = ScorecardExportFiles.Sheet(director, "班组");
        Assert.Equal(
            [.. month.GetProperty("teams").EnumerateArray().Select(t => t.Str("name")), "全处"],
            teams.Select(r => Text(r, "班组"))
        );

        // A staff member's workbook has their own row and no team; a leader's has their team's people.
        var own = await XlsxAsync(web, "repair1");
        Assert.Equal(["repair1"], ScorecardExportFiles.Sheet(own, "人员").Select(r => Text(r, "用户名")));
        Assert.Empty(ScorecardExportFiles.Sheet(own, "班组"));
        var leader = ScorecardExportFiles.Sheet(await XlsxAsync(web, "leader-water"), "人员").Select(r => Text(r, "用户名")).ToList();
        Assert.Equal((await CardsAsync(web, "leader-water")).Select(c => c.Str("userName")), leader);
        Assert.True(leader.Count < people.Count);
        var water = ScorecardExportFiles.Sheet(await XlsxAsync(web, "director", "&team=water"), "人员");
        Assert.Equal((await CardsAsync(web, "director", "&team=water")).Select(c => c.Str("userName")), water.Select(r => Text(r, "用户名")));

        // In English on request.
        var english = await XlsxAsync(web, "director", "&culture=en-US&ui-culture=en-US");
        Assert.Equal(["People", "Teams"], ScorecardExportFiles.SheetNames(english));
        Assert.Equal(people.Count, ScorecardExportFiles.Sheet(english, "People").Count(r => Text(r, "User name") is not null));

        // The export's two-segment-free route is not taken for a person's card, and a bad month is named.
        Assert.Equal(HttpStatusCode.NotFound, (await web.As("director").GetAsync($"/api/v1/scorecards/export.xlsx/{Month}", Ct)).StatusCode);
        var bad = await web.As("director").GetAsync("/api/v1/scorecards/export.xlsx?month=2026-13", Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    private static readonly string[] Hostile =
    [
        "=1+1",
        "=HYPERLINK(\"http://evil.example\",\"点我\")",
        "+SUM(A1:A9)",
        "-2+3",
        "@cmd",
        "\t=1",
        "\r=1",
        "'=1",
        "_x0041_",
        "  两头有空格  ",
        "0012",
        "1e5",
        "TRUE",
        "2026-11-30",
        "<b>&amp;</b>",
        "第一行\n第二行",
        "😀王",
    ];

    private static readonly Gen<string> Names = Gen.Frequency(
        (1, Gen.Int[0, Hostile.Length - 1].Select(i => Hostile[i])),
        (
            4,
            Gen.String[
                Gen.Frequency(
                    (3, Gen.Char["=+-@\t\r\n'\" <>&;_x0123456789"]),
                    (3, Gen.Char['\u4e00', '\u9fa5']),
                    (2, Gen.Char['a', 'z']),
                    (1, Gen.Char['\u0001', '\u001f'])
                ),
                1,
                24
            ]
                // A blank name cannot be stored (names are trimmed and required): a reader drops a cell of "\n" alone.
                .Where(name => !string.IsNullOrWhiteSpace(name))
        )
    );

    [Fact]
    public async Task A_text_cell_that_could_start_a_formula_is_neutralised_and_every_other_text_comes_back_exactly()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        var staff = (await CardsAsync(web, "director")).Select(c => c.Str("userName")).ToList();
        var teamCodes = (await web.As("director").GetFromJsonAsync<JsonElement>($"/api/v1/scorecards?month={Month}", Ct)).GetProperty("teams").EnumerateArray().Select(t => t.Str("code")).ToList();
        var samples = new List<string>();
        Names.Sample(samples.Add, iter: 12 * (staff.Count + teamCodes.Count), threads: 1);

        foreach (var round in samples.Chunk(staff.Count + teamCodes.Count))
        {
            var people = staff.Zip(round).ToDictionary(p => p.First, p => p.Second);
            var teams = teamCodes.Zip(round.Skip(staff.Count)).ToDictionary(p => p.First, p => p.Second);
            await using (var scope = web.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                foreach (var (user, name) in people)
                {
                    await db.Set<User>().Where(u => u.UserName == user).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, name), Ct);
                }
                foreach (var (code, name) in teams)
                {
                    await db.Set<Team>().Where(t => t.Code == code).ExecuteUpdateAsync(t => t.SetProperty(x => x.Name, name), Ct);
                }
            }

            var xlsx = await XlsxAsync(web, "director");
            var rows = ScorecardExportFiles.Sheet(xlsx, "人员");
            Assert.Equal(people.Count, rows.Count);
            foreach (var row in rows)
            {
                Assert.Equal(Safe(people[Text(row, "用户名")!]), Text(row, "姓名"));
            }
            var teamRows = ScorecardExportFiles.Sheet(xlsx, "班组");
            foreach (var row in teamRows.Where(r => Text(r, "班组代码") is { } code && teams.ContainsKey(code)))
            {
                Assert.Equal(Safe(teams[Text(row, "班组代码")!]), Text(row, "班组"));
            }
            Assert.Equal(teams.Count, teamRows.Count(r => Text(r, "班组代码") is { } code && teams.ContainsKey(code)));
        }
    }

    /// <summary>What the cell must hold: the text itself, or behind an apostrophe when a spreadsheet would read a formula.</summary>
    private static string Safe(string text) => text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    [Fact]
    public async Task Many_people_run_over_several_pages_each_with_the_header_and_its_page_number()
    {
        var (app, web) = await Desk.StartAsync();
        await using var running = app;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var labels = new ExportLabels(web.Services.GetRequiredService<IStringLocalizer<ScorecardExportText>>());
        var font = CjkFont.Find(null);
        Assert.NotNull(font); // test.sh installs fonts-wqy-microhei
        var people = Enumerable
            .Range(1, 120)
            .Select(i => new Scorecards.CardDto($"u{i:D3}", $"员工{i:D3}号", Month, false, [new("t", "测试组")], 100 - i / 2m, "Competent", 0, null, []))
            .ToList();
        var month = new Scorecards.MonthDto(Month, true, new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), 1, people, [new("t", "测试组", 120, 70, [])], null);

        var pages = ScorecardExportFiles.PdfPages(ScorecardPdf.Write(month, "总务后勤处", labels, font));

        Assert.True(pages.Count >= 4, $"{pages.Count} pages for 120 people"); // about 30 rows fit on a landscape page
        Assert.Contains("总务后勤处 2026-11 月度考核", pages[0], StringComparison.Ordinal);
        Assert.Contains("已签发（2026年12月1日）", pages[0], StringComparison.Ordinal);
        for (var p = 0; p < pages.Count; p++)
        {
            Assert.Contains("姓名", pages[p], StringComparison.Ordinal);
            Assert.Contains($"第 {p + 1} 页，共 {pages.Count} 页", pages[p], StringComparison.Ordinal);
        }
        var pageOf = people.Select(c => pages.FindIndex(t => t.Contains(c.DisplayName, StringComparison.Ordinal))).ToList();
        Assert.All(people, c => Assert.Single(pages, t => t.Contains(c.DisplayName, StringComparison.Ordinal)));
        Assert.Equal(pageOf.Order(), pageOf); // in ranking order across the pages
        Assert.Equal(pages.Count - 1, pageOf[^1]);
    }

    [Fact]
    public async Task Without_a_chinese_font_the_pdf_is_refused_rather_than_printed_as_boxes()
    {
        var app = await TestApp.StartAsync();
        await using var running = app;
        app.Configure("Houqin:Export:PdfFont", "/nonexistent/no-such-font.ttc");
        var web = app.WithTestSignIn();

        var response = await web.As("director").GetAsync($"/api/v1/scorecards/export.pdf?month={Month}", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("pdf_font_missing", await response.CodeAsync());
        Assert.True((await web.As("director").GetAsync($"/api/v1/scorecards/export.xlsx?month={Month}", Ct)).IsSuccessStatusCode);
    }

    private static string? Text(IDictionary<string, object?> row, string column) => row.TryGetValue(column, out var v) ? v?.ToString() : null;

    private static decimal? Decimal(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var v) && v is not null ? Convert.ToDecimal(v, CultureInfo.InvariantCulture) : null;

    private static decimal? Number(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    private static async Task<byte[]> PdfAsync(WebApplicationFactory<Program> web, string user, string query = "")
    {
        var response = await web.As(user).GetAsync($"/api/v1/scorecards/export.pdf?month={Month}{query}", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static async Task<byte[]> XlsxAsync(WebApplicationFactory<Program> web, string user, string query = "")
    {
        var response = await web.As(user).GetAsync($"/api/v1/scorecards/export.xlsx?month={Month}{query}", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static async Task<List<JsonElement>> CardsAsync(WebApplicationFactory<Program> web, string user, string query = "") =>
        [.. (await web.As(user).GetFromJsonAsync<JsonElement>($"/api/v1/scorecards?month={Month}{query}", Ct)).GetProperty("people").EnumerateArray()];
}
