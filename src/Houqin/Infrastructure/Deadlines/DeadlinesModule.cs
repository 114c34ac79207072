namespace Houqin.Infrastructure.Deadlines;

public static class DeadlinesModule
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddScoped<Deadlines>();
        services.AddSingleton<DeadlineKinds>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddHostedService<DeadlineSweepService>();
        return services;
    }

    /// <summary>Registers the handler of one deadline kind; it is resolved in the scope of each firing.</summary>
    public static IServiceCollection AddDeadlineHandler<T>(this IServiceCollection services)
        where T : class, IDeadlineHandler
    {
        services.AddScoped<T>();
        services.AddScoped<IDeadlineHandler>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
