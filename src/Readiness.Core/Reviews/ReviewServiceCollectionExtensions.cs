using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Workflows;

namespace Readiness.Core.Reviews;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>The post-go-live review: its start, its triggers from outside the workflow, its pack and its workflow handlers.</summary>
    public static IServiceCollection AddReadinessReviews(this IServiceCollection services)
    {
        services.AddScoped<PostGoLiveReviewStart>();
        services.AddScoped<ReviewTriggers>();
        services.AddScoped<ReviewPackQueries>();
        services.AddScoped<IWorkflowGuard, AllReviewsSubmitted>();
        services.AddScoped<IWorkflowGuard, HypercareActionsMet>();
        services.AddScoped<IWorkflowAction, RequestReviewDecision>();
        services.AddScoped<IWorkflowAction, NotifyReviewDecision>();
        services.AddScoped<IWorkflowAction, CloseRelease>();
        return services;
    }
}
