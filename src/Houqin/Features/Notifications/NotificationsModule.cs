namespace Houqin.Features.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<NoticeTexts>();
        services.AddScoped<MyNotices>();
        return services;
    }
}
