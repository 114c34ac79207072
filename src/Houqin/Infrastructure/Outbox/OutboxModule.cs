namespace Houqin.Infrastructure.Outbox;

public static class OutboxModule
{
    /// <summary>
    /// The outbox and its dispatcher. External channels register as singletons:
    /// <c>services.AddSingleton&lt;INotificationChannel, MailChannel&gt;()</c>; none exists yet.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatchService>();
        return services;
    }
}
