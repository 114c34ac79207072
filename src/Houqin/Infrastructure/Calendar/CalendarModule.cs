using Houqin.Data;

namespace Houqin.Infrastructure.Calendar;

public static class CalendarModule
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddSingleton<CalendarCache>();
        services.AddScoped<CalendarChanges>();
        services.AddSingleton<IAfterMigrate, CalendarSeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        app.MapCalendarApi().MapOfficeHoursApi();
        return app;
    }
}
