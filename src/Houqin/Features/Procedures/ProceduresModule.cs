using Houqin.Infrastructure.Deadlines;

namespace Houqin.Features.Procedures;

public static class ProceduresModule
{
    public static IServiceCollection AddProcedures(this IServiceCollection services)
    {
        services.AddScoped<ParameterCheck>();
        services.AddScoped<ProcedureSteps>();
        services.AddScoped<ProcedureReads>();
        services.AddScoped<ParameterLabels>();
        services.AddScoped<VersionViews>();
        services.AddDeadlineHandler<ConsultationCloses>();
        services.AddDeadlineHandler<VersionTakesEffect>();
        // Before the service desk's demo history, which runs under version 1.
        services.AddSingleton<Organisation.IDemoSeed, DemoProcedures>();
        return services;
    }

    public static IEndpointRouteBuilder MapProcedures(this IEndpointRouteBuilder app)
    {
        ProceduresApi.Map(app);
        return app;
    }
}
