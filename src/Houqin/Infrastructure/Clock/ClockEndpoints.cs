namespace Houqin.Infrastructure.Clock;

public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapClock(this IEndpointRouteBuilder app) => app;
}
