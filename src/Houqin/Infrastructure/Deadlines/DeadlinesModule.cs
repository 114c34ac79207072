namespace Houqin.Infrastructure.Deadlines;

public static class DeadlinesModule
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services) => services;
}
