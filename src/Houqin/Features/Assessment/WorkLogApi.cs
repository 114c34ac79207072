using System.Security.Claims;
using Houqin.Infrastructure.Api;

namespace Houqin.Features.Assessment;

/// <summary>
/// The work log for a phone: my day (matters handled on the service desk, entries, closing with a self-evaluation),
/// and for leaders their team's day and a person's day to review with a comment. Someone not overseen is a 404.
/// </summary>
public static class WorkLogApi
{
    public sealed record EntryBody(string? Process, string? Result, string? Method);

    public sealed record CloseBody(int? Satisfaction, string? Comment);

    public sealed record ReviewBody(string? Comment);

    public static void Map(IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/v1/worklog").WithTags("Assessment").WithProblemWords<AssessmentText>().RequireAuthorization(Permissions.OfficeStaff);
        mine.MapGet("/{date}", async (string date, ClaimsPrincipal user, WorkLogs logs, CancellationToken ct) =>
            AssessmentResults.TryDate(date, out var d) ? Results.Ok(await logs.DayAsync(Oversight.Me(user), d, ct)) : AssessmentResults.BadDate());
        mine.MapPost("/{date}/entries", (string date, EntryBody? body, ClaimsPrincipal user, WorkLogs logs, CancellationToken ct) =>
            WithDate(date, d => AssessmentResults.RunAsync(async () =>
            {
                var id = await logs.AddEntryAsync(Oversight.Me(user), d, body?.Process, body?.Result, body?.Method, ct);
                return Results.Created($"/api/v1/worklog/{date}", new { id });
            })));
        mine.MapPost("/{date}/close", (string date, CloseBody? body, ClaimsPrincipal user, WorkLogs logs, CancellationToken ct) =>
            WithDate(date, d => AssessmentResults.RunAsync(async () =>
            {
                await logs.CloseAsync(Oversight.Me(user), d, body?.Satisfaction, body?.Comment, ct);
                return Results.Ok(await logs.DayAsync(Oversight.Me(user), d, ct));
            })));

        var team = app.MapGroup("/api/v1/team-worklogs").WithTags("Assessment").WithProblemWords<AssessmentText>().RequireAuthorization(Permissions.Leaders);
        team.MapGet("/{date}", (string date, ClaimsPrincipal user, WorkLogs logs, CancellationToken ct) =>
            WithDate(date, async d => Results.Ok(await logs.TeamAsync(user, d, ct))));
        team.MapGet("/{date}/{userName}", (string date, string userName, ClaimsPrincipal user, WorkLogs logs, CancellationToken ct) =>
            WithDate(date, async d =>
                await logs.OverseenAsync(user, userName, ct) is { } person ? Results.Ok(await logs.DayAsync(person.Id, d, ct)) : ApiProblem.NotFound("No such person")));
        team.MapPost("/{date}/{userName}/review", (string date, string userName, ReviewBody? body, ClaimsPrincipal user, WorkLogs logs, CancellationToken ct) =>
            WithDate(date, d => AssessmentResults.RunAsync(async () =>
            {
                if (await logs.OverseenAsync(user, userName, ct) is not { } person)
                {
                    return ApiProblem.NotFound("No such person");
                }
                await logs.ReviewAsync(Oversight.Me(user), person.Id, d, body?.Comment, ct);
                return Results.Ok(await logs.DayAsync(person.Id, d, ct));
            })));
    }

    private static Task<IResult> WithDate(string date, Func<DateOnly, Task<IResult>> then) =>
        AssessmentResults.TryDate(date, out var d) ? then(d) : Task.FromResult(AssessmentResults.BadDate());
}
