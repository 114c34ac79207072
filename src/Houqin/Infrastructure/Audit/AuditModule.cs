namespace Houqin.Infrastructure.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AuditLog>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app) => app;
}
