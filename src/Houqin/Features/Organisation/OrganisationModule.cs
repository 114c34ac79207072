using Houqin.Features.Organisation.Import;

namespace Houqin.Features.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<OrganisationImport>();
        services.AddHostedService<DemoBanner>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        OrganisationApi.Map(app);
        return app;
    }
}
