using Houqin.Features.ServiceDesk.Photos;

namespace Houqin.Features.ServiceDesk;

public static class ServiceDeskModule
{
    public static IServiceCollection AddServiceDesk(this IServiceCollection services)
    {
        services.AddScoped<Intake>();
        services.AddScoped<RequestSteps>();
        services.AddRequestPhotos();
        return services;
    }

    public static IEndpointRouteBuilder MapServiceDesk(this IEndpointRouteBuilder app)
    {
        ServiceDeskApi.Map(app);
        app.MapRequestPhotos();
        return app;
    }
}
