using System.Globalization;
using System.Text.Json;
using Houqin.Data;
using Houqin.Infrastructure.Api;

namespace Houqin.Infrastructure.Calendar;

/// <summary>
/// <c>/api/v1/calendar</c>: any signed-in user reads the calendar; administrators import years in holiday-cn's
/// format and edit single days. Office hours and vacations are in <see cref="OfficeHoursEndpoints"/>.
/// </summary>
public static class CalendarEndpoints
{
    /// <summary>The longest range one listing answers (three years and a leap day).</summary>
    public const int MaxRangeDays = 3 * 366;

    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization(Permissions.SignedIn);
        group.MapGet("", ListAsync);
        group.MapGet("/years/{year:int}", ExportAsync);
        group.MapPost("/years", ImportAsync).RequireAuthorization(Permissions.Administer);
        group.MapPut("/days/{date}", PutDayAsync).RequireAuthorization(Permissions.Administer);
        group.MapDelete("/days/{date}", DeleteDayAsync).RequireAuthorization(Permissions.Administer);
        return group;
    }

    public sealed record CalendarDateView(string Date, bool Working, string Kind, string? Name, bool Provisional);

    private static async Task<IResult> ListAsync(string? from, string? to, string? region, CalendarCache cache, CancellationToken ct)
    {
        if (!TryParseDate(from, out var first))
        {
            return ApiProblem.Invalid("from", "from must be a date like 2026-01-01.");
        }
        if (!TryParseDate(to, out var last))
        {
            return ApiProblem.Invalid("to", "to must be a date like 2026-12-31.");
        }
        if (last < first)
        {
            return ApiProblem.Invalid("to", "to must not be before from.");
        }
        if (last.DayNumber - first.DayNumber >= MaxRangeDays)
        {
            return ApiProblem.Create(
                StatusCodes.Status422UnprocessableEntity,
                "range_too_long",
                "Range too long",
                $"Ask for at most {MaxRangeDays} days at a time."
            );
        }
        var calendar = await cache.GetAsync(ct);
        var region0 = PlaceCode.OrNull(region);
        var days = new List<CalendarDateView>(last.DayNumber - first.DayNumber + 1);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            days.Add(
                new CalendarDateView(
                    Iso(d),
                    calendar.IsWorkingDay(d, region0),
                    calendar.Kind(d, region0).ToString(),
                    calendar.HolidayName(d, region0),
                    calendar.IsProvisional(d)
                )
            );
        }
        return Results.Ok(days);
    }

    private static async Task<IResult> ExportAsync(int year, AppDbContext db, CancellationToken ct) =>
        await CalendarYears.ExportAsync(db, year, ct) is { } data
            ? Results.Ok(data)
            : ApiProblem.Create(StatusCodes.Status404NotFound, "year_not_published", $"No published schedule for {year}");

    private static async Task<IResult> ImportAsync(HttpRequest request, string? region, CalendarChanges changes, CancellationToken ct)
    {
        // JSON only: a cross-site form can send text/plain with cookies, never application/json.
        if (!request.HasJsonContentType())
        {
            return ApiProblem.Create(
                StatusCodes.Status415UnsupportedMediaType,
                "unsupported_media_type",
                "Send the year as application/json"
            );
        }
        HolidayCnYear data;
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            data = HolidayCnYear.Parse(doc.RootElement);
        }
        catch (JsonException e)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "malformed_json", "Malformed JSON", e.Message);
        }
        catch (HolidayCnFormatException e)
        {
            return ApiProblem.Invalid(e.Field, e.Message);
        }
        var replaced = await changes.ImportYearAsync(data, region, ct);
        var body = new
        {
            year = data.Year,
            region = PlaceCode.OrNull(region),
            days = data.Days.Count,
            replaced,
        };
        return replaced ? Results.Ok(body) : Results.Created($"/api/v1/calendar/years/{data.Year}", body);
    }

    public sealed record DayInput(string? Kind, string? Name, string? Region);

    private static async Task<IResult> PutDayAsync(string date, DayInput input, CalendarChanges changes, CancellationToken ct)
    {
        if (!TryParseDate(date, out var day))
        {
            return ApiProblem.Invalid("date", "date must be like 2026-10-01.");
        }
        if (!Enum.TryParse<CalendarDayKind>(input.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            return ApiProblem.Invalid("kind", "kind must be DayOff or MakeUpWorkday.");
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > CalendarDay.MaxNameLength)
        {
            return ApiProblem.Invalid("name", "name must be 1 to 64 characters.");
        }
        await changes.SetDayAsync(day, kind, name, input.Region, ct);
        return Results.Ok(
            new
            {
                date = Iso(day),
                kind = kind.ToString(),
                name,
                region = PlaceCode.OrNull(input.Region),
            }
        );
    }

    private static async Task<IResult> DeleteDayAsync(string date, string? region, CalendarChanges changes, CancellationToken ct)
    {
        if (!TryParseDate(date, out var day))
        {
            return ApiProblem.Invalid("date", "date must be like 2026-10-01.");
        }
        return await changes.RemoveDayAsync(day, region, ct) ? Results.NoContent() : ApiProblem.NotFound("No entry for that date");
    }

    internal static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    internal static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
