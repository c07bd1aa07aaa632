using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Readiness.Infrastructure.Email;

namespace Readiness.Infrastructure.Scheduling;

/// <summary>
/// Recurring job "outbox-dispatch": sends the emails that are due. It takes no arguments; the outbox rows in the
/// app database say what is due, so a missed, repeated or overlapping run does no harm.
/// </summary>
public sealed class OutboxJob(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<OutboxJob> logger)
{
    // No Hangfire retries: the dispatcher keeps per-message retry state in the app DB, and the next run comes
    // within a minute anyway. No Hangfire lock either: each row is claimed in the app DB before it is sent, so runs
    // that overlap (a long batch, several nodes) share the work, and a node that dies mid-batch leaves no lock that
    // would stop the others sending until it timed out.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(lifetime.ApplicationStopping);
        if (result.Total > 0)
            logger.LogInformation("Outbox: {Sent} sent, {Retried} to retry, {Failed} failed", result.Sent, result.Retried, result.Failed);
    }
}
