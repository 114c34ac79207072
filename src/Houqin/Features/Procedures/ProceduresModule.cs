namespace Houqin.Features.Procedures;

public static class ProceduresModule
{
    public static IServiceCollection AddProcedures(this IServiceCollection services)
    {
        services.AddScoped<ParameterCheck>();
        // Before the service desk's demo history, which runs under version 1.
        services.AddSingleton<Organisation.IDemoSeed, DemoProcedures>();
        return services;
    }

    public static IEndpointRouteBuilder MapProcedures(this IEndpointRouteBuilder app) => app;
}
