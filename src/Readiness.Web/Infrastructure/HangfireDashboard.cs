using Hangfire;
using Hangfire.Dashboard;
using Readiness.Core.Identity;

namespace Readiness.Web.Infrastructure;

/// <summary>The Hangfire dashboard at /hangfire, for the PMO role only (DESIGN §7).</summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    public static WebApplication MapReadinessDashboard(this WebApplication app)
    {
        // Anonymous visitors never reach the filter: the fallback policy sends them to sign in first.
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new PmoOnlyDashboardFilter()],
            AppPath = "/",
            DashboardTitle = "Readiness – background jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}

/// <summary>Lets in signed-in PMO users; Hangfire answers everyone else with 403 (401 when not signed in).</summary>
internal sealed class PmoOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Pmo);
    }
}
