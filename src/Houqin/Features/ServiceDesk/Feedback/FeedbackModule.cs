using Houqin.Infrastructure.Deadlines;

namespace Houqin.Features.ServiceDesk.Feedback;

public static class FeedbackModule
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddScoped<FeedbackSteps>();
        services.AddScoped<FeedbackNotices>();
        services.AddScoped<Ratings>();
        services.AddScoped<Complaints>();
        services.AddScoped<ReturnVisits>();
        services.AddDeadlineHandler<ComplaintAnswerDue>();
        return services;
    }
}
