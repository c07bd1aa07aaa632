using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Scheduling;

/// <summary>
/// The one place recurring jobs are declared (DESIGN §7). Runs at start-up on every node, whether or not it runs
/// a Hangfire server; AddOrUpdate is idempotent, so restarts and several nodes leave one definition per job.
/// </summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs, IOptions<SchedulingOptions> options, IOptions<Reminders.ReminderSchedulingOptions> reminders, ReadinessClock clock) : IHostedService
{
    public const string OutboxDispatch = "outbox-dispatch";
    public const string WorkflowClock = "workflow-clock";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Cron times are read in the app's time zone, so a future "0 8 * * 1-5" means 8am in London.
        var recurring = new RecurringJobOptions { TimeZone = clock.Zone };
        Register(OutboxDispatch, nameof(SchedulingOptions.OutboxCron), o.OutboxCron,
            cron => jobs.AddOrUpdate<OutboxJob>(OutboxDispatch, j => j.RunAsync(), cron, recurring));
        Register(WorkflowClock, nameof(SchedulingOptions.WorkflowClockCron), o.WorkflowClockCron,
            cron => jobs.AddOrUpdate<WorkflowClockJob>(WorkflowClock, j => j.RunAsync(), cron, recurring));
        Register(ReminderJob.Id, nameof(Reminders.ReminderSchedulingOptions.ReminderCron), reminders.Value.ReminderCron, cron => jobs.AddOrUpdate<ReminderJob>(ReminderJob.Id, j => j.RunAsync(), cron, recurring));
        Register(IndicatorJob.Id, nameof(SchedulingOptions.IndicatorCron), o.IndicatorCron, cron => jobs.AddOrUpdate<IndicatorJob>(IndicatorJob.Id, j => j.RunAsync(), cron, recurring));
        // The sweep is idempotent per person and day, so running it once at start costs nothing twice and means a
        // node that was down at the scheduled time still sends the day's digests (and the demo shows them at once).
        if (o.CatchUpAtStart) jobs.Trigger(ReminderJob.Id);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Register(string id, string key, string cron, Action<string> addOrUpdate)
    {
        try
        {
            addOrUpdate(cron);
        }
        catch (ArgumentException ex)
        {
            throw new StartupValidationException($"Scheduling:{key} '{cron}' is not a valid cron expression for job '{id}': {ex.Message}");
        }
    }
}
