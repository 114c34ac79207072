using Houqin.Cli;
using Houqin.Data;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// The audit log (ARCHITECTURE.md): <see cref="AuditLog"/> appends events in the business transaction;
/// <see cref="AuditSealer"/> integrates them into an RFC 6962 tree and signs tree heads with the key at
/// <c>Houqin:Audit:KeyPath</c>; anyone may fetch tree heads and proofs; <c>houqin audit verify</c> recomputes it all.
/// </summary>
public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AuditLog>();
        services.AddSingleton(sp =>
            AuditSigningKey.Load(
                config["Houqin:Audit:KeyPath"] is { Length: > 0 } path ? path : AuditSigningKey.DefaultPath,
                createWhenMissing: !sp.GetRequiredService<IHostEnvironment>().IsProduction()
            )
        );
        services.AddSingleton<AuditSealer>();
        services.AddHostedService<AuditSealerService>();
        services.AddSingleton<IAfterMigrate, AuditAppendOnly>();
        services.AddSingleton<ICliVerb, AuditVerifyVerb>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        AuditEndpoints.Map(app);
        return app;
    }
}
