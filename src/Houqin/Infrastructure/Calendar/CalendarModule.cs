namespace Houqin.Infrastructure.Calendar;

public static class CalendarModule
{
    public static IServiceCollection AddCalendar(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app) => app;
}
