using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk.Photos;

/// <summary>When a photo was taken: the requester (or staff) showing the problem, or staff showing the finished work.</summary>
public enum PhotoStage
{
    Report,
    Completion,
}

/// <summary>A photo on a request, kept under a generated name in the file store; its facts are read from its bytes.</summary>
public sealed class RequestPhoto
{
    /// <summary>Per request and stage: enough to show a problem or a repair, not a gallery.</summary>
    public const int MaxPerStage = 9;

    public const long MaxBytes = 10 * 1024 * 1024;

    public const long MaxPixels = 40_000_000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RequestId { get; private set; }

    public PhotoStage Stage { get; private set; }

    public string StoredName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long ByteLength { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public Guid UploadedById { get; private set; }

    public DateTime UploadedAt { get; private set; }

    private RequestPhoto() { }

    public RequestPhoto(Guid requestId, PhotoStage stage, string storedName, ImageHeader image, long byteLength, Guid uploadedBy, DateTime now)
    {
        RequestId = requestId;
        Stage = stage;
        StoredName = storedName;
        ContentType = image.ContentType;
        ByteLength = byteLength;
        (Width, Height) = (image.Width, image.Height);
        UploadedById = uploadedBy;
        UploadedAt = now;
    }
}

internal sealed class RequestPhotoConfiguration : IEntityTypeConfiguration<RequestPhoto>
{
    public void Configure(EntityTypeBuilder<RequestPhoto> b)
    {
        b.ToTable("request_photos");
        b.HasIndex(p => new { p.RequestId, p.Stage });
        b.HasIndex(p => p.StoredName).IsUnique();
        b.Property(p => p.Stage).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.StoredName).HasMaxLength(32);
        b.Property(p => p.ContentType).HasMaxLength(32);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(p => p.UploadedById).OnDelete(DeleteBehavior.Restrict);
    }
}
