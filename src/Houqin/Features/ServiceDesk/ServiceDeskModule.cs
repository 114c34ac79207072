using Houqin.Features.ServiceDesk.Feedback;

namespace Houqin.Features.ServiceDesk;

public static class ServiceDeskModule
{
    public static IServiceCollection AddServiceDesk(this IServiceCollection services)
    {
        services.AddScoped<Intake>();
        services.AddScoped<RequestSteps>();
        services.AddSingleton<Houqin.Data.IAfterMigrate, Search.SearchIndexSql>();
        services.AddScoped<Houqin.Infrastructure.Outbox.Outbox>();
        services.AddRequestLifecycle();
        services.AddFeedback();
        return services;
    }

    public static IEndpointRouteBuilder MapServiceDesk(this IEndpointRouteBuilder app)
    {
        ServiceDeskApi.Map(app);
        FeedbackApi.Map(app);
        return app;
    }
}
