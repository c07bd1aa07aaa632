using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Readiness.Core.Common;
using Readiness.Core.Reminders;

namespace Readiness.Infrastructure.Scheduling;

/// <summary>
/// Recurring job "reminder-sweep": today's reminder digests. It takes no arguments; the reminder log and digest
/// rows in the app database make a repeated or overlapping run send nothing twice.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, WorkingCalendar calendar, ReadinessClock clock, ILogger<ReminderJob> logger)
{
    public const string Id = "reminder-sweep";

    // No Hangfire retries: a failed sweep committed whole digests or nothing, and running it again is safe by hand or tomorrow.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync()
    {
        if (!calendar.Covers(clock.Today.Year))
            logger.LogWarning("No bank holidays are configured for {Year}: update Reminders:BankHolidaysPath so reminders skip them", clock.Today.Year);
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(lifetime.ApplicationStopping);
        logger.LogInformation("Reminders: {Digests} digests with {Items} items queued ({Conflicts} already sent by another run)", result.Digests, result.Items, result.Conflicts);
    }
}
