using Houqin.Infrastructure.Deadlines;

namespace Houqin.Features.Assessment;

/// <summary>Assessment (考核): post duties, daily checklists, work logs, monthly scorecards.</summary>
public static class AssessmentModule
{
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddScoped<ChecklistOpening>();
        services.AddScoped<Checklists>();
        services.AddScoped<WorkLogs>();
        services.AddScoped<PostDuties>();
        services.AddScoped<Scorecards>();
        services.AddDeadlineHandler<ChecklistOpenHandler>();
        services.AddDeadlineHandler<ChecklistItemDueHandler>();
        services.AddSingleton<Organisation.IDemoSeed, DemoAssessment>();
        services.AddSingleton<Organisation.IDemoSeed, DemoScorecards>();
        return services;
    }

    public static IEndpointRouteBuilder MapAssessment(this IEndpointRouteBuilder app)
    {
        ChecklistsApi.Map(app);
        WorkLogApi.Map(app);
        PostDutiesApi.Map(app);
        ScorecardsApi.Map(app);
        ScorecardExportApi.Map(app);
        return app;
    }
}

/// <summary>Marker for the module's strings: Resources/Features.Assessment.AssessmentText(.en-US).resx.</summary>
public sealed class AssessmentText;
