using Microsoft.Extensions.DependencyInjection;

namespace Readiness.Core.Indicators;

public static class IndicatorServiceCollectionExtensions
{
    /// <summary>The lead-indicator use cases. <see cref="IndicatorSettings"/> and <see cref="IReadingFeed"/> come from the infrastructure layer.</summary>
    public static IServiceCollection AddReadinessIndicators(this IServiceCollection services)
    {
        services.AddScoped<IndicatorAccess>();
        services.AddScoped<IndicatorQueries>();
        services.AddScoped<IndicatorCommands>();
        services.AddScoped<LateReadingNotice>();
        services.AddScoped<IndicatorCheck>();
        return services;
    }
}
