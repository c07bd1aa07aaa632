using Microsoft.Extensions.DependencyInjection;

namespace Readiness.Core.Benefits;

public static class BenefitServiceCollectionExtensions
{
    /// <summary>The benefits register's use cases and read models.</summary>
    public static IServiceCollection AddReadinessBenefits(this IServiceCollection services)
    {
        services.AddScoped<BenefitQueries>();
        services.AddScoped<BenefitCommands>();
        return services;
    }
}
