using Houqin.Infrastructure.Deadlines;

namespace Houqin.Features.Accountability;

/// <summary>责任追究: cases, their steps and the watch past the director's rung.</summary>
public static class AccountabilityModule
{
    public static IServiceCollection AddAccountability(this IServiceCollection services)
    {
        services.AddScoped<CaseIntake>();
        services.AddScoped<CaseSteps>();
        services.AddScoped<PastDirectorWatch>();
        services.AddDeadlineHandler<PastDirectorDue>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccountability(this IEndpointRouteBuilder app)
    {
        CasesApi.Map(app);
        return app;
    }
}
