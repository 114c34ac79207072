using Houqin.Data;
using Houqin.Features.Organisation.Import;
using Houqin.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Organisation;

/// <summary>Organisation's JSON API: room search (the service desk's place picker), teams, who is on duty, CSV import.</summary>
public static class OrganisationApi
{
    public sealed record RoomDto(Guid Id, string Code, string Number, string Name, int? Floor, string BuildingCode, string BuildingName, string CampusCode);

    public sealed record TeamDto(string Code, string Name, PersonDto? Leader, PersonDto? DeputyDirector, IReadOnlyList<PostDto> Posts);

    public sealed record PostDto(string Code, string Name, IReadOnlyList<string> Categories, bool RoundTheClock);

    public sealed record PersonDto(string UserName, string DisplayName);

    public sealed record OnDutyDto(string UserName, string DisplayName, string? ActingFor, DateTime ShiftFrom, DateTime ShiftTo);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Organisation");
        var signedIn = api.MapGroup("").RequireAuthorization(Permissions.SignedIn);
        signedIn.MapGet("/rooms", SearchRoomsAsync);
        signedIn.MapGet("/org/teams", TeamsAsync);
        signedIn.MapGet("/org/on-duty", OnDutyAsync);

        var admin = api.MapGroup("/admin/import").RequireAuthorization(Permissions.Administer);
        admin.MapPost("/people", (HttpRequest req, OrganisationImport import, CancellationToken ct) =>
            ImportAsync(req, body => import.ImportPeopleAsync(body, ct)));
        admin.MapPost("/rooms", (HttpRequest req, OrganisationImport import, CancellationToken ct) =>
            ImportAsync(req, body => import.ImportRoomsAsync(body, ct)));
    }

    public static IQueryable<RoomDto> SearchRooms(AppDbContext db, string? query)
    {
        var rooms =
            from r in db.Set<Room>()
            join b in db.Set<Building>() on r.BuildingId equals b.Id
            join c in db.Set<Campus>() on b.CampusId equals c.Id
            join f in db.Set<Floor>() on r.FloorId equals f.Id into fs
            from f in fs.DefaultIfEmpty()
            select new { r, b, c, f };
        var q = (query ?? "").Trim();
        if (q.Length > 0)
        {
            var upper = q.ToUpperInvariant();
#pragma warning disable CA1862 // EF translates ToUpper() to SQL on both providers; a StringComparison overload would not translate.
            rooms = rooms.Where(x =>
                x.r.Code.ToUpper().Contains(upper)
                || x.b.Name.Contains(q)
                || x.r.Name.Contains(q)
                || (x.b.Name + x.r.Number).Contains(q)
            );
#pragma warning restore CA1862
        }
        return rooms
            .OrderBy(x => x.r.Code)
            .Select(x => new RoomDto(x.r.Id, x.r.Code, x.r.Number, x.r.Name, x.f == null ? null : x.f.Level, x.b.Code, x.b.Name, x.c.Code));
    }

    private static async Task<IResult> SearchRoomsAsync(AppDbContext db, string? query, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 20, 1, 100);
        return Results.Ok(await SearchRooms(db, query).Take(take).ToListAsync(ct));
    }

    private static async Task<IResult> TeamsAsync(AppDbContext db, CancellationToken ct)
    {
        var teams = await db.Set<Team>().OrderBy(t => t.Code).ToListAsync(ct);
        var posts = await db.Set<Post>().OrderBy(p => p.Code).ToListAsync(ct);
        var ids = teams.SelectMany(t => new[] { t.LeaderId, t.DeputyDirectorId }).OfType<Guid>().ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new PersonDto(u.UserName ?? "", u.DisplayName), ct);
        PersonDto? Person(Guid? id) => id is { } i && people.TryGetValue(i, out var p) ? p : null;
        return Results.Ok(teams.Select(t => new TeamDto(
            t.Code,
            t.Name,
            Person(t.LeaderId),
            Person(t.DeputyDirectorId),
            posts.Where(p => p.TeamId == t.Id).Select(p => new PostDto(p.Code, p.Name, p.Categories, p.RoundTheClock)).ToList()
        )));
    }

    private static async Task<IResult> OnDutyAsync(AppDbContext db, TimeProvider clock, string? post, DateTimeOffset? at, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(post))
        {
            return ApiProblem.Invalid("post", "post is required");
        }
        if (!await db.Set<Post>().AnyAsync(p => p.Code == post, ct))
        {
            return ApiProblem.NotFound("No such post");
        }
        var instant = (at ?? clock.GetUtcNow()).UtcDateTime;
        var onDuty = await DutyQueries.WhoIsOnDutyAsync(db, post, instant, ct);
        var forIds = onDuty.Select(o => o.ActingFor).OfType<Guid>().ToList();
        var names = await db.Users.Where(u => forIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", ct);
        return Results.Ok(onDuty.Select(o => new OnDutyDto(
            o.UserName,
            o.DisplayName,
            o.ActingFor is { } f ? names.GetValueOrDefault(f) : null,
            o.ShiftFrom,
            o.ShiftTo
        )));
    }

    /// <summary>
    /// The body must be <c>text/csv</c>: besides saying what it is, a non-form content type cannot be sent
    /// cross-site without a CORS preflight, which keeps cookie-authenticated callers safe from CSRF.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpRequest req, Func<string, Task<ImportResult>> import)
    {
        if (!(req.ContentType ?? "").StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Send the file as text/csv");
        }
        using var reader = new StreamReader(req.Body, System.Text.Encoding.UTF8);
        var body = await reader.ReadToEndAsync(req.HttpContext.RequestAborted);
        var result = await import(body);
        if (!result.Succeeded)
        {
            return ApiProblem.Create(
                StatusCodes.Status422UnprocessableEntity,
                "import_rejected",
                "Nothing was imported: some rows are invalid",
                string.Join("\n", result.Errors.Select(e => e.Text)),
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["errors"] = result.Errors.Select(e => new { line = e.Line, column = e.Column, field = e.Field, message = e.Text }).ToList(),
                }
            );
        }
        return Results.Ok(new { imported = result.Imported });
    }
}
