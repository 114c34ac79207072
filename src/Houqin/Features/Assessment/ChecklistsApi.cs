using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.ServiceDesk.Photos;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Files;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Houqin.Features.Assessment;

/// <summary>
/// Checklists for a phone: today's (mine), one by id (mine or one I oversee, else 404), tick an item with its
/// reading, the item's photo (upload multipart field <c>file</c>, checked as the service desk checks photos, and read back).
/// </summary>
public static class ChecklistsApi
{
    public sealed record DoneBody(decimal? Reading);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/checklists").WithTags("Assessment").WithProblemWords<AssessmentText>().RequireAuthorization(Permissions.OfficeStaff);
        api.MapGet("/today", async (ClaimsPrincipal user, Checklists lists, CancellationToken ct) => Results.Ok(await lists.OfAsync(Oversight.Me(user), lists.Today, ct)));
        api.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, Checklists lists, CancellationToken ct) =>
            await lists.ShowAsync(user, id, ct) is { } dto ? Results.Ok(dto) : ApiProblem.NotFound("No such checklist"));
        api.MapPost("/{id:guid}/items/{itemId:guid}/done", DoneAsync);
        // Read by hand, so bearer-token clients are not refused by form antiforgery; cookie sessions are checked below.
        api.MapPost("/{id:guid}/items/{itemId:guid}/photo", PhotoAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(RequestPhoto.MaxBytes + 64 * 1024));
        api.MapGet("/{id:guid}/items/{itemId:guid}/photo", PhotoBytesAsync);
    }

    private static Task<IResult> DoneAsync(Guid id, Guid itemId, DoneBody? body, ClaimsPrincipal user, Checklists lists, CancellationToken ct) =>
        AssessmentResults.RunAsync(async () =>
        {
            if (await lists.ItemAsync(user, id, itemId, ct) is not { } item)
            {
                return ApiProblem.NotFound("No such checklist item");
            }
            await lists.TickAsync(item, Oversight.Me(user), body?.Reading, ct);
            return Results.Ok(await lists.ShowAsync(user, id, ct));
        });

    private static Task<IResult> PhotoAsync(
        Guid id,
        Guid itemId,
        HttpContext http,
        Checklists lists,
        AppDbContext db,
        IFileStore files,
        AuditLog audit,
        IAntiforgery antiforgery,
        CancellationToken ct
    ) =>
        AssessmentResults.RunAsync(async () =>
        {
            if (await lists.ItemAsync(http.User, id, itemId, ct) is not { } item)
            {
                return ApiProblem.NotFound("No such checklist item");
            }
            var (form, problem) = await PhotosApi.ReadUploadAsync(http, antiforgery, ct);
            if (problem is not null)
            {
                return problem;
            }
            return await SavePhotoAsync(item, form.Files.GetFile("file"), Oversight.Me(http.User), lists, db, files, audit, ct) ?? Results.Ok(await lists.ShowAsync(http.User, id, ct));
        });

    /// <summary>Checks and stores the photo for the item; a problem when it is refused, null when saved.</summary>
    internal static async Task<IResult?> SavePhotoAsync(ChecklistItem item, IFormFile? file, Guid by, Checklists lists, AppDbContext db, IFileStore files, AuditLog audit, CancellationToken ct)
    {
        var checkedFile = await PhotosApi.CheckAsync(file, ct);
        if (checkedFile.Problem is { } problem)
        {
            return problem;
        }
        var name = IFileStore.NewName();
        var replaced = item.PhotoName;
        item.AttachPhoto(by, name, checkedFile.Image!.ContentType, lists.Now);
        await files.SaveAsync(name, checkedFile.Bytes, ct);
        audit.Record(
            "checklist.photo_added",
            ChecklistOpening.SubjectType,
            item.ChecklistId,
            new { item = item.Id, checkedFile.Image.ContentType, bytes = checkedFile.Bytes.Length, replaced = replaced is not null }
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Delete(name);
            throw;
        }
        // Only once the new photo is committed: a replaced photo is no longer reachable from anything, so it goes.
        if (replaced is not null)
        {
            files.Delete(replaced);
        }
        return null;
    }

    private static async Task<IResult> PhotoBytesAsync(Guid id, Guid itemId, HttpContext http, Checklists lists, IFileStore files, CancellationToken ct)
    {
        var item = await lists.ItemAsync(http.User, id, itemId, ct);
        if (item?.PhotoName is null || files.OpenRead(item.PhotoName) is not { } stream)
        {
            return ApiProblem.NotFound("No such photo");
        }
        var h = http.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.CacheControl = "private, max-age=86400, immutable";
        h.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.Stream(stream, item.PhotoContentType, $"checklist-{item.Id:N}{new ImageHeader(item.PhotoContentType ?? "", 1, 1).Extension}");
    }
}
