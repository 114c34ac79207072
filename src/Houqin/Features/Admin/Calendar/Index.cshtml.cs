using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Calendar;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Calendar;

/// <summary>The administrator's view of one year: its published days, an import in holiday-cn's format, single-day edits.</summary>
[Authorize(Policy = Permissions.Administer)]
public sealed class IndexModel(AppDbContext db, CalendarChanges changes, TimeProvider clock, IStringLocalizer<CalendarText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DayForm Day { get; set; } = new();

    [BindProperty]
    public string? ImportJson { get; set; }

    [BindProperty]
    public string? ImportRegion { get; set; }

    public int ShownYear { get; private set; }

    public CalendarYear? Published { get; private set; }

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public sealed class DayForm
    {
        public string? Date { get; set; }

        public CalendarDayKind Kind { get; set; }

        public string? Name { get; set; }

        public string? Region { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDayAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var name = Day.Name?.Trim() ?? "";
        if (!CalendarEndpoints.TryParseDate(Day.Date, out var date))
        {
            ModelState.AddModelError("Day.Date", text["InvalidDate"]);
        }
        if (name.Length is 0 or > CalendarDay.MaxNameLength)
        {
            ModelState.AddModelError("Day.Name", text["InvalidName"]);
        }
        if (!Enum.IsDefined(Day.Kind))
        {
            ModelState.AddModelError("Day.Kind", text["InvalidKind"]);
        }
        if (!ModelState.IsValid)
        {
            return await InvalidAsync(ct);
        }
        await changes.SetDayAsync(date, Day.Kind, name, Day.Region, ct);
        return RedirectToPage(new { year = date.Year });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string date, string? region, CancellationToken ct)
    {
        if (CalendarEndpoints.TryParseDate(date, out var day))
        {
            await changes.RemoveDayAsync(day, region, ct);
        }
        return RedirectToPage(new { year = Year });
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        ModelState.Clear();
        HolidayCnYear data;
        try
        {
            data = HolidayCnYear.Parse(ImportJson ?? "");
        }
        catch (JsonException)
        {
            ModelState.AddModelError(nameof(ImportJson), text["MalformedJson"]);
            return await InvalidAsync(ct);
        }
        catch (HolidayCnFormatException e)
        {
            ModelState.AddModelError(nameof(ImportJson), $"{e.Field}: {e.Message}");
            return await InvalidAsync(ct);
        }
        await changes.ImportYearAsync(data, ImportRegion, ct);
        return RedirectToPage(new { year = data.Year });
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ShownYear = Year is >= 2000 and <= 2200 ? Year.Value : WorkingCalendar.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        Published = await db.Set<CalendarYear>().AsNoTracking().SingleOrDefaultAsync(y => y.Year == ShownYear, ct);
        var first = new DateOnly(ShownYear, 1, 1);
        var last = new DateOnly(ShownYear, 12, 31);
        Days = await db.Set<CalendarDay>()
            .AsNoTracking()
            .Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date)
            .ThenBy(d => d.Region)
            .ToListAsync(ct);
    }
}
