using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Common;
using Readiness.Infrastructure.Scheduling;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Tests.Email;

/// <summary>
/// AddReadinessScheduling: Hangfire's own SQLite file (sqlite-net) next to EF Core's SQLite in one process, the
/// recurring jobs declared once at start, and no Hangfire server when Scheduling:RunServer is false.
/// </summary>
public sealed class SchedulingRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-hangfire-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ServiceCollection Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging()
            .AddSingleton(new ReadinessClock(new FakeTimeProvider(), TimeZoneInfo.Utc))
            .AddSingleton<IHostApplicationLifetime, NoLifetime>()
            .AddReadinessScheduling(configuration, _folder);
        return services;
    }

    private ServiceProvider Build(Dictionary<string, string?> settings) => Register(settings).BuildServiceProvider();

    private static async Task StartAsync(ServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Start_up_registers_every_recurring_job_in_the_hangfire_sqlite_file_beside_an_ef_database()
    {
        using var database = await OutboxTestDatabase.CreateAsync(); // EF Core on Microsoft.Data.Sqlite, in the same process
        await using var services = Build(new() { ["Scheduling:RunServer"] = "false", ["Scheduling:StoragePath"] = "data/hangfire.db" });
        var storageFile = Path.Combine(_folder, "data", "hangfire.db");
        Assert.False(File.Exists(storageFile));

        await StartAsync(services);

        Assert.True(File.Exists(storageFile));
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        Assert.Equal(["indicator-checks", "outbox-dispatch", "reminder-sweep", "workflow-clock"], jobs.Keys.Order());
        Assert.Equal((typeof(OutboxJob), "* * * * *"), (jobs["outbox-dispatch"].Job.Type, jobs["outbox-dispatch"].Cron));
        Assert.Equal((typeof(WorkflowClockJob), nameof(WorkflowClockJob.RunAsync)), (jobs["workflow-clock"].Job.Type, jobs["workflow-clock"].Job.Method.Name));
        await database.AddMessageAsync();
        Assert.Single(await database.MessagesAsync());
    }

    [Fact]
    public void With_run_server_false_no_hangfire_server_is_registered()
    {
        var off = Register(new() { ["Scheduling:RunServer"] = "false" });
        var on = Register(new() { ["Scheduling:RunServer"] = "true" });

        // The only hosted service besides the server is the recurring-job registration.
        Assert.Equal(1, off.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Equal(2, on.Count(d => d.ServiceType == typeof(IHostedService)));
    }

    [Fact]
    public async Task A_bad_cron_expression_stops_start_up_naming_the_key()
    {
        await using var services = Build(new() { ["Scheduling:RunServer"] = "false", ["Scheduling:OutboxCron"] = "every minute" });

        var error = await Assert.ThrowsAsync<StartupValidationException>(() => StartAsync(services));

        Assert.Contains("Scheduling:OutboxCron 'every minute'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_storage_made_before_anything_else_asks_for_Hangfire_logs_to_this_hosts_loggers()
    {
        // An earlier host in the process set Hangfire's process-wide log provider to its loggers, then was disposed.
        await using (var earlier = Build(new() { ["Scheduling:RunServer"] = "false", ["Scheduling:StoragePath"] = "earlier/hangfire.db" }))
            earlier.GetRequiredService<IGlobalConfiguration>();
        await using var services = Build(new() { ["Scheduling:RunServer"] = "false", ["Scheduling:StoragePath"] = "data/hangfire.db" });

        // The web app begins its start-up work (StartupInitializer.Begin) before the dashboard or the server ask for
        // Hangfire, so the storage, which logs as it opens, may be the first of Hangfire made: not with the disposed loggers.
        var storage = services.GetRequiredService<JobStorage>();

        using var connection = storage.GetConnection();
        Assert.Empty(connection.GetRecurringJobs());
    }

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
