namespace Houqin.Features.ServiceDesk.Photos;

/// <summary>
/// A photo is judged by its content only: its size, then the type and pixel count its header gives. The file's
/// name and declared type are ignored. Used by request photos and by the checklists' photos alike.
/// </summary>
public static class PhotoCheck
{
    public const string TooLarge = "file_too_large";
    public const string NotImage = "file_not_image";
    public const string TooManyPixels = "file_too_many_pixels";
    public const string TooMany = "too_many_photos";

    /// <summary>The photo's bytes and what they are; an <see cref="InvalidFieldException"/> on <c>file</c> when refused.</summary>
    public static async Task<(byte[] Bytes, ImageHeader Image)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            throw new InvalidFieldException("file", "Attach the photo in the field 'file'.");
        }
        if (file.Length > RequestPhoto.MaxBytes)
        {
            throw new InvalidFieldException("file", $"A photo is at most {RequestPhoto.MaxBytes / (1024 * 1024)} MB.", TooLarge);
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }
        var image = ImageHeader.Read(bytes) ?? throw new InvalidFieldException("file", "Only JPEG, PNG or WebP photos.", NotImage);
        if (image.Pixels > RequestPhoto.MaxPixels)
        {
            throw new InvalidFieldException("file", $"A photo is at most {RequestPhoto.MaxPixels / 1_000_000} megapixels.", TooManyPixels);
        }
        return (bytes, image);
    }
}
