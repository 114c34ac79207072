using Houqin.Features.ServiceDesk.Pages;

namespace Houqin.Features.ServiceDesk.Photos;

/// <summary>
/// The photo limits as the messages name them. A resource string that names a limit does not type it: it is a format
/// taking these arguments, in this order, so what a page says is what the server enforces.
/// {0} megabytes a photo, {1} photos a form sends at once, {2} photos a stage holds, a photo's pixels in millions {3}
/// (megapixels) and in ten thousands {4} (万像素).
/// </summary>
public static class PhotoLimits
{
    public static readonly object[] Arguments =
    [
        RequestPhoto.MaxBytes / (1024 * 1024),
        FormPhotos.MaxPerForm,
        RequestPhoto.MaxPerStage,
        RequestPhoto.MaxPixels / 1_000_000,
        RequestPhoto.MaxPixels / 10_000,
    ];
}
