using System.Security.Claims;
using Houqin.Infrastructure.Api;

namespace Houqin.Features.Assessment;

/// <summary>A post's duties (岗位职责) and daily tasks (每日必做): read by staff, defined by the post's leaders and the administrator.</summary>
public static class PostDutiesApi
{
    public sealed record DutiesBody(string? Text);

    public static void Map(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/posts/{code}").WithTags("Assessment").WithProblemWords<AssessmentText>().RequireAuthorization(Permissions.OfficeStaff);
        read.MapGet("/duties", async (string code, ClaimsPrincipal user, PostDuties duties, CancellationToken ct) =>
            await duties.ShowAsync(user, code, ct) is { } dto ? Results.Ok(dto) : ApiProblem.NotFound("No such post"));

        var define = app.MapGroup("/api/v1/posts/{code}").WithTags("Assessment").WithProblemWords<AssessmentText>().RequireAuthorization(Permissions.DefineDuties);
        define.MapPut("/duties", (string code, DutiesBody? body, ClaimsPrincipal user, PostDuties duties, CancellationToken ct) =>
            AssessmentResults.RunAsync(async () =>
            {
                if (await duties.ForDefiningAsync(user, code, ct) is not { } post)
                {
                    return ApiProblem.NotFound("No such post");
                }
                await duties.WriteDutiesAsync(post, body?.Text, Oversight.Me(user), ct);
                return Results.Ok(await duties.ShowAsync(user, code, ct));
            }));
        define.MapPost("/tasks", (string code, PostDuties.NewTask? body, ClaimsPrincipal user, PostDuties duties, CancellationToken ct) =>
            AssessmentResults.RunAsync(async () =>
            {
                if (await duties.ForDefiningAsync(user, code, ct) is not { } post)
                {
                    return ApiProblem.NotFound("No such post");
                }
                var task = await duties.AddTaskAsync(post, body ?? new(null, null, null, false, null), ct);
                return Results.Created($"/api/v1/posts/{code}/duties", new { id = task.Id });
            }));
        define.MapDelete("/tasks/{taskId:guid}", (string code, Guid taskId, ClaimsPrincipal user, PostDuties duties, CancellationToken ct) =>
            AssessmentResults.RunAsync(async () =>
                await duties.ForDefiningAsync(user, code, ct) is { } post && await duties.RetireTaskAsync(post, taskId, ct)
                    ? Results.NoContent()
                    : ApiProblem.NotFound("No such task")));
    }
}
