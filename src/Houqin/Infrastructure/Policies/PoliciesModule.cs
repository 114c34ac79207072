namespace Houqin.Infrastructure.Policies;

public static class PoliciesModule
{
    public static IServiceCollection AddPolicies(this IServiceCollection services) => services.AddSingleton<Policies>();
}
