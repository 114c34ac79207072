using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Features.ServiceDesk.Photos;

namespace Houqin.Features.ServiceDesk;

public static class ServiceDeskModule
{
    public static IServiceCollection AddServiceDesk(this IServiceCollection services)
    {
        services.AddScoped<Intake>();
        services.AddSingleton<IntakeWriter>();
        services.AddSingleton<IntakeDirectory>();
        services.AddSingleton<IntakeLimits>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, OrganisationChanges>();
        services.AddScoped<RequestSteps>();
        services.AddSingleton<Houqin.Data.IAfterMigrate, Search.SearchIndexSql>();
        services.AddRequestLifecycle();
        services.AddFeedback();
        services.AddRequestPhotos();
        services.AddSingleton<Organisation.IDemoSeed, Demo.DemoHistory>();
        return services;
    }

    public static IEndpointRouteBuilder MapServiceDesk(this IEndpointRouteBuilder app)
    {
        ServiceDeskApi.Map(app);
        FeedbackApi.Map(app);
        app.MapRequestPhotos();
        return app;
    }
}
