using Microsoft.Extensions.DependencyInjection;

namespace Readiness.Core.Dashboards;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The home page's role dashboards, the layout's counts and the pages' read models that gather from many features.</summary>
    public static IServiceCollection AddReadinessDashboards(this IServiceCollection services)
    {
        services.AddScoped<LayoutQueries>();
        services.AddScoped<HomeDashboards>();
        services.AddScoped<SroDashboard>();
        services.AddScoped<PmoDashboard>();
        services.AddScoped<Approvals.Confirmations>();
        services.AddScoped<Approvals.DecisionPages>();
        services.AddScoped<Portfolio.ReleasePages>();
        return services;
    }
}
