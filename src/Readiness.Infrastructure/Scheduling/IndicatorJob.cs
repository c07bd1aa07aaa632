using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Readiness.Core.Indicators;

namespace Readiness.Infrastructure.Scheduling;

/// <summary>
/// Recurring job "indicator-checks" (Scheduling:IndicatorCron): polls HTTP indicator sources and evaluates every live
/// release's indicators. Alerts and readings in the app DB say what was done, so a repeated run opens nothing new.
/// </summary>
public sealed class IndicatorJob(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<IndicatorJob> logger)
{
    public const string Id = "indicator-checks";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var s = await scope.ServiceProvider.GetRequiredService<IndicatorCheck>().RunAsync(lifetime.ApplicationStopping);
        logger.LogInformation("Indicator check: {Indicators} indicators, {Imported} readings imported, {Opened} alerts opened, {Raised} raised, {Incidents} incidents, {LateNotices} late-reading notices",
            s.Indicators, s.Imported, s.Opened, s.Raised, s.Incidents, s.LateNotices);
    }
}
