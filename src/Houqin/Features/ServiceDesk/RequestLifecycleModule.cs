using Houqin.Infrastructure.Deadlines;

namespace Houqin.Features.ServiceDesk;

public static class RequestLifecycleModule
{
    /// <summary>The steps after intake, the ladder and the handlers of the request's timers.</summary>
    public static IServiceCollection AddRequestLifecycle(this IServiceCollection services)
    {
        services.AddScoped<RequestActions>();
        services.AddScoped<RequestTimers>();
        services.AddScoped<RequestClock>();
        services.AddScoped<RequestNotices>();
        services.AddScoped<Ladder>();
        services.AddDeadlineHandler<AcknowledgeOverdue>();
        services.AddDeadlineHandler<ArriveOverdue>();
        services.AddDeadlineHandler<ResolveOverdue>();
        services.AddDeadlineHandler<HandOffOverdue>();
        services.AddDeadlineHandler<RungTimeUp>();
        services.AddDeadlineHandler<AutoConfirmation>();
        services.AddDeadlineHandler<ReferralFollowUpOverdue>();
        services.AddDeadlineHandler<RatingWindowClosed>();
        return services;
    }
}
