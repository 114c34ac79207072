using System.Security.Claims;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Audit;
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

    private static async Task<IResult> UploadAsync(
        Guid id,
        HttpContext http,
        AppDbContext db,
        IFileStore files,
        AuditLog audit,
        IAntiforgery antiforgery,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await VisibleAsync(db, http.User, id, now, ct) is not { } request)
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
        var me = ServiceDeskApi.UserId(http.User);
        var staffOnIt = me == request.HandlerId || me == request.FirstContactOwnerId || request.CoOwners.Contains(me);
        if (!(staffOnIt || (stage == PhotoStage.Report && me == request.RequesterId)))
        {
            return RequestSteps.Refused(new RequestRuleException(RequestRuleException.NotYours, "Report photos come from the requester or the staff on the request; completion photos from the staff on it."));
        }
        if (request.Status == RequestStatus.Confirmed)
        {
            return RequestSteps.Refused(new RequestRuleException(RequestRuleException.InvalidState, "The request is closed; no more photos."));
        }
        var checkedFile = await CheckAsync(form.Files.GetFile("file"), ct);
        if (checkedFile.Problem is { } problem)
        {
            return problem;
        }
        if (await db.Set<RequestPhoto>().CountAsync(p => p.RequestId == id && p.Stage == stage, ct) >= RequestPhoto.MaxPerStage)
        {
            return FileProblem("too_many_photos", $"At most {RequestPhoto.MaxPerStage} photos per stage.");
        }
        var (bytes, image) = (checkedFile.Bytes, checkedFile.Image!);
        var name = IFileStore.NewName();
        await files.SaveAsync(name, bytes, ct);
        var photo = new RequestPhoto(id, stage, name, image, bytes.Length, me, now);
        db.Add(photo);
        audit.Record(
            "service_request.photo_added",
            Intake.SubjectType,
            id,
            new { request.Number, photo = photo.Id, stage = stage.ToString(), photo.ContentType, photo.ByteLength, photo.Width, photo.Height }
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
        return Results.Created($"/api/v1/service-requests/{id}/photos/{photo.Id}", Dto(photo, http.User.Identity?.Name ?? ""));
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

    /// <summary>By content only: size, then the header's type and pixel count. The name and declared type are ignored.</summary>
    internal static async Task<CheckedFile> CheckAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return new([], null, ApiProblem.Invalid("file", "Attach the photo in the field 'file'."));
        }
        if (file.Length > RequestPhoto.MaxBytes)
        {
            return new([], null, FileProblem("file_too_large", $"A photo is at most {RequestPhoto.MaxBytes / (1024 * 1024)} MB."));
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }
        if (ImageHeader.Read(bytes) is not { } image)
        {
            return new([], null, FileProblem("file_not_image", "Only JPEG, PNG or WebP photos."));
        }
        if (image.Pixels > RequestPhoto.MaxPixels)
        {
            return new([], null, FileProblem("file_too_many_pixels", $"A photo is at most {RequestPhoto.MaxPixels / 1_000_000} megapixels."));
        }
        return new(bytes, image, null);
    }

    internal static IResult FileProblem(string code, string message) =>
        ApiProblem.Create(
            StatusCodes.Status422UnprocessableEntity,
            code,
            "Invalid photo",
            message,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = new Dictionary<string, string[]> { ["file"] = [message] } }
        );

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
