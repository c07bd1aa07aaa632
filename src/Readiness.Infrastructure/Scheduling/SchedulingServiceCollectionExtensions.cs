using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on its own SQLite file (or PostgreSQL when Database:Provider is Postgres), the recurring jobs, and (when Scheduling:RunServer is true) the server.
    /// Nothing touches the storage file until start-up (the host's start, or the web app's early start-up work), so
    /// `dotnet ef` and plain DI builds create nothing.
    /// </summary>
    public static IServiceCollection AddReadinessScheduling(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(SchedulingOptions.Section);
        services.AddOptions<SchedulingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Reminders.ReminderSchedulingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        // The storage and activator are this host's own instances, registered before AddHangfire so its
        // TryAdd defaults (process-wide JobStorage.Current / JobActivator.Current, which UseSQLiteStorage would
        // set) are not used: several hosts in one process (the web tests) would otherwise share or dispose
        // each other's storage.
        // Hangfire's own registrations resolve IGlobalConfiguration before the storage (it points Hangfire's process-wide
        // log provider at this host's loggers, and the storage logs as it opens): this one does the same, since the
        // start-up work can make the storage before anything else asks for Hangfire (StartupInitializer.Begin).
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return JobStorages.Create(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot);
        });
        // Made inside the start-up lock, so nodes started together do not race to install Hangfire's schema.
        services.AddSingleton<IStartupStep, JobStorageStartupStep>();
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        services.AddTransient<OutboxJob>();
        services.AddTransient<WorkflowClockJob>();
        services.AddTransient<ReminderJob>();
        // The real workflow clock may already be registered by the workflow runtime; this keeps the job resolvable until then.
        services.TryAddScoped<WorkflowClock>();
        services.AddHostedService<RecurringJobsRegistration>();

        var runServer = section.GetValue(nameof(SchedulingOptions.RunServer), defaultValue: true);
        if (runServer)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var o = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
                server.WorkerCount = o.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(o.PollIntervalSeconds);
            });
        }
        return services;
    }
}
