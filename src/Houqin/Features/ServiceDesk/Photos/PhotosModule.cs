using Houqin.Infrastructure.Files;

namespace Houqin.Features.ServiceDesk.Photos;

public static class PhotosModule
{
    public static IServiceCollection AddRequestPhotos(this IServiceCollection services)
    {
        services.AddSingleton<IFileStore, LocalFileStore>();
        services.AddScoped<PhotoUploads>();
        return services;
    }
}
