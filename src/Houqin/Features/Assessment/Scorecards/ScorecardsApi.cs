using System.Security.Claims;
using Houqin.Infrastructure.Api;

namespace Houqin.Features.Assessment;

/// <summary>
/// Monthly scorecards for clients: the month's cards and the teams' ranking, one person's card with the requests
/// behind each figure, the leader's rating, and the director's sign-off (after which a change is a 409).
/// </summary>
public static class ScorecardsApi
{
    public sealed record RatingBody(int? Rating, string? Comment);

    public static void Map(IEndpointRouteBuilder app)
    {
        var cards = app.MapGroup("/api/v1/scorecards").WithTags("Assessment").WithProblemWords<ScorecardText>().RequireAuthorization(Permissions.ReadScorecards);
        cards.MapGet("", (string? month, string? team, ClaimsPrincipal user, Scorecards scorecards, CancellationToken ct) =>
            WithMonth(month, async m => Results.Ok(await scorecards.MonthAsync(user, m, string.IsNullOrWhiteSpace(team) ? null : team.Trim(), ct))));
        cards.MapGet("/{userName}/{month}", (string userName, string month, ClaimsPrincipal user, Scorecards scorecards, CancellationToken ct) =>
            WithMonth(month, async m => await scorecards.PersonAsync(user, userName, m, ct) is { } card ? Results.Ok(card) : NoSuchCard()));
        cards
            .MapPut("/{userName}/{month}/leader-rating", (string userName, string month, RatingBody? body, ClaimsPrincipal user, Scorecards scorecards, CancellationToken ct) =>
                WithMonth(month, m => AssessmentResults.RunAsync(async () =>
                    await scorecards.RateAsync(user, userName, m, body?.Rating, body?.Comment, ct) is { } card ? Results.Ok(card) : NoSuchCard())))
            .RequireAuthorization(Permissions.Leaders);
        cards
            .MapPost("/{month}/sign-off", (string month, ClaimsPrincipal user, Scorecards scorecards, CancellationToken ct) =>
                WithMonth(month, m => AssessmentResults.RunAsync(async () => Results.Ok(await scorecards.SignOffAsync(user, m, ct)))))
            .RequireAuthorization(Permissions.SignOffAssessment);
    }

    private static IResult NoSuchCard() => ApiProblem.NotFound("No such scorecard");

    private static Task<IResult> WithMonth(string? month, Func<AssessmentMonth, Task<IResult>> then) =>
        AssessmentMonth.TryParse(month, out var m) ? then(m) : Task.FromResult(ApiProblem.Invalid("month", "month is a month as yyyy-MM."));
}
