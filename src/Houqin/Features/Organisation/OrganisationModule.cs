namespace Houqin.Features.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app) => app;
}
