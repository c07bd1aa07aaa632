using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Readiness.Core.Workflows;

namespace Readiness.Infrastructure.Scheduling;

/// <summary>
/// Recurring job "workflow-clock": fires the workflow timers that are due. The timer rows in the app database
/// are the source of truth, so the job carries no payload and a repeated run finds nothing left to fire.
/// </summary>
public sealed class WorkflowClockJob(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime)
{
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowClock>().FireDueTimersAsync(lifetime.ApplicationStopping);
    }
}
