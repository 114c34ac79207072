using System.Security.Claims;
using System.Text.RegularExpressions;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment;

/// <summary>
/// The month's scorecards to take away: a workbook for working with the numbers and a printable PDF. Each holds exactly
/// the cards the reader may see (<see cref="Scorecards.MonthAsync"/>): a staff member's export has their own row only.
/// </summary>
public static partial class ScorecardExportApi
{
    public const string FontMissing = "pdf_font_missing";

    public static void Map(IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/api/v1/scorecards").WithTags("Assessment").WithProblemWords<ScorecardText>().RequireAuthorization(Permissions.ReadScorecards);
        export.MapGet(
            "/export.xlsx",
            (string? month, string? team, ClaimsPrincipal user, Scorecards scorecards, IStringLocalizer<ScorecardExportText> text, CancellationToken ct) =>
                WithMonth(
                    month,
                    async m =>
                    {
                        var cards = await scorecards.MonthAsync(user, m, Team(team), ct);
                        return Results.File(ScorecardWorkbook.Write(cards, new ExportLabels(text)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(cards.Month, team, "xlsx"));
                    }
                )
        );
        export.MapGet(
            "/export.pdf",
            (string? month, string? team, ClaimsPrincipal user, Scorecards scorecards, IStringLocalizer<ScorecardExportText> text, AppDbContext db, IConfiguration config, CancellationToken ct) =>
                WithMonth(
                    month,
                    async m =>
                    {
                        if (CjkFont.Find(config["Houqin:Export:PdfFont"]) is not { } font)
                        {
                            return ApiProblem.Create(
                                StatusCodes.Status503ServiceUnavailable,
                                FontMissing,
                                "No Chinese font for PDFs",
                                "Install fonts-wqy-microhei (or set Houqin:Export:PdfFont to a CJK font file) to print scorecards."
                            );
                        }
                        var cards = await scorecards.MonthAsync(user, m, Team(team), ct);
                        var office = await db.Set<Office>().AsNoTracking().Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
                        return Results.File(ScorecardPdf.Write(cards, office, new ExportLabels(text), font), "application/pdf", FileName(cards.Month, team, "pdf"));
                    }
                )
        );
    }

    private static string? Team(string? team) => string.IsNullOrWhiteSpace(team) ? null : team.Trim();

    /// <summary>scorecards-2026-11[-WATER].xlsx: the team code only as far as it is safe in a file name.</summary>
    private static string FileName(string month, string? team, string extension) =>
        Team(team) is { } t && SafeCode().IsMatch(t) ? $"scorecards-{month}-{t}.{extension}" : $"scorecards-{month}.{extension}";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex SafeCode();

    private static Task<IResult> WithMonth(string? month, Func<AssessmentMonth, Task<IResult>> then) =>
        AssessmentMonth.TryParse(month, out var m) ? then(m) : Task.FromResult(ApiProblem.Invalid("month", "month is a month as yyyy-MM."));
}
