using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Assessments;
using Readiness.Core.Portfolio;

namespace Readiness.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the use cases. The DbContext and its provider are registered by the infrastructure layer.</summary>
    public static IServiceCollection AddReadinessCore(this IServiceCollection services)
    {
        services.AddScoped<ReturnAccess>();
        services.AddScoped<MyWork>();
        services.AddScoped<ReturnQueries>();
        services.AddScoped<ReturnCommands>();
        services.AddScoped<ReleaseQueries>();
        return services;
    }
}
