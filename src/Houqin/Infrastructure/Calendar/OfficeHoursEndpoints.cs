using System.Globalization;
using Houqin.Data;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Calendar;

/// <summary>
/// Office hours per campus and season, and university vacations. Reading is for any signed-in user
/// (requesters see when the office is open); changes are the administrator's, audited.
/// </summary>
public static class OfficeHoursEndpoints
{
    public static void MapOfficeHoursApi(this RouteGroupBuilder calendar)
    {
        calendar.MapGet("/office-hours", ListHoursAsync);
        calendar.MapPut("/office-hours", ReplaceHoursAsync).RequireAuthorization(Permissions.Administer);
        calendar.MapGet("/vacations", ListVacationsAsync);
        calendar.MapPost("/vacations", AddVacationAsync).RequireAuthorization(Permissions.Administer);
        calendar.MapDelete("/vacations/{id:guid}", RemoveVacationAsync).RequireAuthorization(Permissions.Administer);
    }

    /// <summary>A season as the API shows it: <c>{"season":"秋冬作息","from":"09-01","to":"04-30","periods":"08:00-12:00,13:30-17:00"}</c>.</summary>
    public sealed record SeasonView(string Season, string From, string To, string Periods);

    public sealed record HoursInput(string? Campus, IReadOnlyList<SeasonView>? Seasons);

    public sealed record VacationInput(string? Campus, string? Name, string? From, string? To, string? Periods);

    private static async Task<IResult> ListHoursAsync(string? campus, AppDbContext db, CancellationToken ct)
    {
        var code = Code(campus);
        var rows = await db.Set<OfficeHours>().Where(h => h.CampusCode == code).OrderBy(h => h.FromMonthDay).ToListAsync(ct);
        return Results.Ok(new { campus = code, seasons = rows.Select(View) });
    }

    private static async Task<IResult> ReplaceHoursAsync(
        HoursInput input,
        AppDbContext db,
        AuditLog audit,
        CalendarCache cache,
        CancellationToken ct
    )
    {
        var code = Code(input.Campus);
        if (code is { Length: > MaxCampusCode })
        {
            return CampusTooLong();
        }
        var seasons = new List<OfficeHours>();
        var i = 0;
        foreach (var s in input.Seasons ?? [])
        {
            var field = $"seasons[{i++}]";
            if (s is null)
            {
                return ApiProblem.Invalid(field, "each season must be an object.");
            }
            if (!TryMonthDay(s.From, out var from) || !TryMonthDay(s.To, out var to))
            {
                return ApiProblem.Invalid(field, "from and to must be month-days like 09-01.");
            }
            if (string.IsNullOrWhiteSpace(s.Season) || s.Season.Length > 64)
            {
                return ApiProblem.Invalid(field + ".season", "season must be 1 to 64 characters.");
            }
            try
            {
                seasons.Add(new OfficeHours(code, s.Season.Trim(), from, to, s.Periods ?? ""));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return ApiProblem.Invalid(field + ".periods", e.Message);
            }
        }
        var old = await db.Set<OfficeHours>().Where(h => h.CampusCode == code).ToListAsync(ct);
        db.Set<OfficeHours>().RemoveRange(old);
        db.Set<OfficeHours>().AddRange(seasons);
        audit.Record(
            "calendar.office_hours_set",
            nameof(OfficeHours),
            code ?? "office",
            new { before = old.Select(View), after = seasons.Select(View) }
        );
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Results.Ok(new { campus = code, seasons = seasons.Select(View) });
    }

    private static async Task<IResult> ListVacationsAsync(AppDbContext db, CancellationToken ct) =>
        Results.Ok(
            (await db.Set<Vacation>().OrderBy(v => v.From).ToListAsync(ct)).Select(v => new
            {
                v.Id,
                campus = v.CampusCode,
                v.Name,
                from = CalendarEndpoints.Iso(v.From),
                to = CalendarEndpoints.Iso(v.To),
                v.Periods,
                closed = v.Periods.Length == 0,
            })
        );

    private static async Task<IResult> AddVacationAsync(
        VacationInput input,
        AppDbContext db,
        AuditLog audit,
        CalendarCache cache,
        CancellationToken ct
    )
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 64)
        {
            return ApiProblem.Invalid("name", "name must be 1 to 64 characters.");
        }
        if (Code(input.Campus) is { Length: > MaxCampusCode })
        {
            return CampusTooLong();
        }
        if (!CalendarEndpoints.TryParseDate(input.From, out var from))
        {
            return ApiProblem.Invalid("from", "from must be a date like 2027-01-15.");
        }
        if (!CalendarEndpoints.TryParseDate(input.To, out var to) || to < from)
        {
            return ApiProblem.Invalid("to", "to must be a date on or after from.");
        }
        Vacation vacation;
        try
        {
            vacation = new Vacation(Code(input.Campus), input.Name.Trim(), from, to, input.Periods ?? "");
        }
        catch (FormatException e)
        {
            return ApiProblem.Invalid("periods", e.Message);
        }
        db.Set<Vacation>().Add(vacation);
        audit.Record("calendar.vacation_added", nameof(Vacation), vacation.Id, input);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Results.Created($"/api/v1/calendar/vacations/{vacation.Id}", new { vacation.Id });
    }

    private static async Task<IResult> RemoveVacationAsync(
        Guid id,
        AppDbContext db,
        AuditLog audit,
        CalendarCache cache,
        CancellationToken ct
    )
    {
        var vacation = await db.Set<Vacation>().FindAsync([id], ct);
        if (vacation is null)
        {
            return ApiProblem.NotFound("No such vacation");
        }
        db.Set<Vacation>().Remove(vacation);
        audit.Record(
            "calendar.vacation_removed",
            nameof(Vacation),
            id,
            new
            {
                vacation.Name,
                from = CalendarEndpoints.Iso(vacation.From),
                to = CalendarEndpoints.Iso(vacation.To),
            }
        );
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Results.NoContent();
    }

    private static SeasonView View(OfficeHours h) =>
        new(h.Season, $"{h.FromMonthDay / 100:00}-{h.FromMonthDay % 100:00}", $"{h.ToMonthDay / 100:00}-{h.ToMonthDay % 100:00}", h.Periods);

    private static bool TryMonthDay(string? text, out int monthDay)
    {
        monthDay = 0;
        if (
            text is not { Length: 5 }
            || text[2] != '-'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        )
        {
            return false;
        }
        monthDay = m * 100 + d;
        return OfficeHours.ValidMonthDay(monthDay);
    }

    private static string? Code(string? campus) => PlaceCode.OrNull(campus);

    /// <summary>The column's length: PostgreSQL refuses a longer code (a 500), SQLite would have kept it.</summary>
    private const int MaxCampusCode = 32;

    private static IResult CampusTooLong() => ApiProblem.Invalid("campus", $"campus is a campus code of at most {MaxCampusCode} characters.");
}
