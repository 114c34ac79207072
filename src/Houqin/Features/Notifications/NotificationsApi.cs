using Houqin.Infrastructure.Api;

namespace Houqin.Features.Notifications;

/// <summary>The signed-in person's in-app notices: list, unread count, mark one or all read.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(Permissions.SignedIn);
        api.MapGet("", ListAsync);
        api.MapGet("/unread-count", async (MyNotices notices, CancellationToken ct) => Results.Ok(new { count = await notices.UnreadCountAsync(ct) }));
        api.MapPost(
            "/{id:guid}/read",
            async (Guid id, MyNotices notices, CancellationToken ct) =>
                await notices.MarkReadAsync(id, ct) ? Results.NoContent() : ApiProblem.NotFound("No such notification")
        );
        api.MapPost(
            "/read-all",
            async (MyNotices notices, CancellationToken ct) => Results.Ok(new { marked = await notices.MarkAllReadAsync(ct) })
        );
        return app;
    }

    private static async Task<IResult> ListAsync(MyNotices notices, string? unread, string? cursor, int? limit, CancellationToken ct)
    {
        if (unread is not null && !bool.TryParse(unread, out _))
        {
            return ApiProblem.Invalid("unread", "unread is true or false");
        }
        if (!MyNotices.TryReadCursor(cursor, out var after))
        {
            return ApiProblem.Invalid("cursor", "cursor is the nextCursor of a previous page");
        }
        return Results.Ok(await notices.ListAsync(unread is not null && bool.Parse(unread), after, limit ?? 20, ct));
    }
}
