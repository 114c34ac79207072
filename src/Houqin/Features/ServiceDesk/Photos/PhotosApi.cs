using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Files;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk.Photos;

/// <summary>
/// Photos on a request: upload (multipart, field <c>file</c>, optional <c>stage</c>), list, and the bytes, all
/// only for those who may see the request (anyone else gets 404). Report photos come from the requester or the
/// staff on it, completion photos from the staff on it, until the request is confirmed.
/// </summary>
public static class PhotosApi
{
    public sealed record PhotoDto(Guid Id, string Stage, string ContentType, long ByteLength, int Width, int Height, string UploadedBy, DateTime UploadedAt, string Url);

    /// <summary>The largest photo plus room for the multipart envelope and the stage field.</summary>
    private const long RequestLimit = RequestPhoto.MaxBytes + 64 * 1024;

    public static IEndpointRouteBuilder MapRequestPhotos(this IEndpointRouteBuilder app)
    {
        var photos = app.MapGroup("/api/v1/service-requests/{id:guid}/photos").WithTags("ServiceDesk").WithProblemWords<ServiceDeskText>().RequireAuthorization(Permissions.SignedIn);
        // Read by hand (not bound), so the framework's form antiforgery does not refuse bearer-token clients;
        // cookie sessions are checked for the antiforgery token in UploadAsync.
        photos.MapPost("", UploadAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(RequestLimit));
        photos.MapGet("", ListAsync);
        photos.MapGet("/{photoId:guid}", BytesAsync);
        return app;
    }

    private static async Task<ServiceRequest?> VisibleAsync(AppDbContext db, ClaimsPrincipal user, Guid id, DateTime now, CancellationToken ct)
    {
        var request = await db.Set<ServiceRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return request is not null && (await Viewer.LoadAsync(db, user, now, ct)).CanSee(request) ? request : null;
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpContext http, AppDbContext db, PhotoUploads uploads, IAntiforgery antiforgery, TimeProvider clock, CancellationToken ct)
    {
        if (await VisibleAsync(db, http.User, id, clock.GetUtcNow().UtcDateTime, ct) is null)
        {
            return ApiProblem.NotFound("No such request");
        }
        var (form, formProblem) = await ReadUploadAsync(http, antiforgery, ct);
        if (formProblem is not null)
        {
            return formProblem;
        }
        var stage = PhotoStage.Report;
        if (form["stage"].FirstOrDefault() is { Length: > 0 } s && !ServiceDeskApi.TryParse(s, out stage))
        {
            return ApiProblem.Invalid("stage", "stage is Report or Completion");
        }
        var (outcome, photo) = await uploads.AddAsync(id, stage, form.Files.GetFile("file"), ct);
        return photo is null
            ? RequestSteps.Problem(outcome)
            : Results.Created($"/api/v1/service-requests/{id}/photos/{photo.Id}", Dto(photo, http.User.Identity?.Name ?? ""));
    }

    /// <summary>An upload's multipart form; a cookie session must carry the antiforgery token. A problem instead when it cannot be read.</summary>
    internal static async Task<(IFormCollection Form, IResult? Problem)> ReadUploadAsync(HttpContext http, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme && !await antiforgery.IsRequestValidAsync(http))
        {
            return (FormCollection.Empty, ApiProblem.Create(StatusCodes.Status400BadRequest, "antiforgery_failed", "Missing or invalid antiforgery token"));
        }
        if (!http.Request.HasFormContentType)
        {
            return (FormCollection.Empty, ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Send multipart/form-data with the photo in the field 'file'"));
        }
        try
        {
            return (await http.Request.ReadFormAsync(ct), null);
        }
        catch (InvalidDataException e)
        {
            return (FormCollection.Empty, ApiProblem.Create(StatusCodes.Status400BadRequest, "malformed_form", "Malformed multipart body", e.Message));
        }
    }

    internal sealed record CheckedFile(byte[] Bytes, ImageHeader? Image, IResult? Problem);

    /// <summary><see cref="PhotoCheck.ReadAsync"/> for endpoints that answer a refused photo themselves.</summary>
    internal static async Task<CheckedFile> CheckAsync(IFormFile? file, CancellationToken ct)
    {
        try
        {
            var (bytes, image) = await PhotoCheck.ReadAsync(file, ct);
            return new(bytes, image, null);
        }
        catch (InvalidFieldException e)
        {
            return new([], null, ApiProblem.Invalid(e.Field, e.Message, e.Code));
        }
    }

    private static PhotoDto Dto(RequestPhoto p, string uploadedBy) =>
        new(p.Id, p.Stage.ToString(), p.ContentType, p.ByteLength, p.Width, p.Height, uploadedBy, p.UploadedAt, $"/api/v1/service-requests/{p.RequestId}/photos/{p.Id}");

    private static async Task<IResult> ListAsync(Guid id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await VisibleAsync(db, user, id, clock.GetUtcNow().UtcDateTime, ct) is null)
        {
            return ApiProblem.NotFound("No such request");
        }
        var rows = await (
            from p in db.Set<RequestPhoto>().AsNoTracking()
            join u in db.Set<User>() on p.UploadedById equals u.Id
            where p.RequestId == id
            orderby p.Stage, p.UploadedAt, p.Id
            select new { Photo = p, u.UserName }
        ).ToListAsync(ct);
        return Results.Ok(rows.Select(r => Dto(r.Photo, r.UserName ?? "")).ToList());
    }

    private static async Task<IResult> BytesAsync(Guid id, Guid photoId, HttpContext http, AppDbContext db, IFileStore files, TimeProvider clock, CancellationToken ct)
    {
        if (await VisibleAsync(db, http.User, id, clock.GetUtcNow().UtcDateTime, ct) is null)
        {
            return ApiProblem.NotFound("No such photo");
        }
        var photo = await db.Set<RequestPhoto>().AsNoTracking().SingleOrDefaultAsync(p => p.RequestId == id && p.Id == photoId, ct);
        if (photo is null || files.OpenRead(photo.StoredName) is not { } stream)
        {
            return ApiProblem.NotFound("No such photo");
        }
        var h = http.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        // Only the viewer's browser keeps it (never a shared cache); a stored photo never changes.
        h.CacheControl = "private, max-age=86400, immutable";
        h.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.Stream(stream, photo.ContentType, $"photo-{photo.Id:N}{Extension(photo.ContentType)}");
    }

    private static string Extension(string contentType) => new ImageHeader(contentType, 1, 1).Extension;
}
