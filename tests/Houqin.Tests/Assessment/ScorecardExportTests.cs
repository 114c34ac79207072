using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Houqin.Tests.ServiceDesk;
using Microsoft.AspNetCore.Mvc.Testing;

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
        File.WriteAllBytes("/tmp/export-director.pdf", director);
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
