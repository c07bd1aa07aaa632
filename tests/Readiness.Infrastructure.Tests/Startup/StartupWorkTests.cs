using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Startup;

/// <summary>
/// The web app begins the start-up work (migrations, seed data) as soon as its container is built, before the host
/// validates the options and starts (Program, <c>BeginStartupWork</c>). Begun that early it must keep start-up's rules:
/// bad configuration stops it before the database is touched, and the host's start waits for the same work.
/// </summary>
public sealed class StartupWorkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-startup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IHost Host(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = TestDatabase.Sqlite(_folder).ConnectionString,
            ["Seed:Enabled"] = "false",
            ["Reminders:BankHolidaysPath"] = "",
            ["Workflows:Path"] = Workflows.WorkflowFolder.RealWorkflows(),
            ["Scheduling:RunServer"] = "false",
            ["Scheduling:StoragePath"] = Path.Combine(_folder, "hangfire.db"),
            ["Email:PickupFolder"] = Path.Combine(_folder, "mail"),
            ["Audit:ChainKey"] = TestDatabase.AuditChainKey,
            ["Audit:CheckpointPath"] = Path.Combine(_folder, "audit"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddReadinessCore().AddReadinessInfrastructure(builder.Configuration, _folder);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private string DatabaseFile => Path.Combine(_folder, "readiness.db");

    [Fact]
    public async Task Bad_configuration_stops_the_early_work_before_the_database_is_made()
    {
        // An option the work itself never reads: only the host's validation would have stopped it.
        using var host = Host(new() { ["Heatmap:Weeks"] = "2" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Services.BeginStartupWork());

        Assert.Contains("Weeks", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFile));
    }

    [Fact]
    public async Task The_host_start_waits_for_the_work_begun_early_and_does_it_once()
    {
        using var host = Host([]);

        var early = host.Services.BeginStartupWork();
        Assert.Same(early, host.Services.BeginStartupWork());
        await host.StartAsync();

        Assert.True(early.IsCompletedSuccessfully);
        Assert.True(File.Exists(DatabaseFile));
        await host.StopAsync();
    }

    /// <summary>
    /// The defect: a start killed while it migrated (kill -9, the machine going down) left EF Core's migration lock, a
    /// row in the SQLite file, and every later start waited for it, silently, for ever.
    /// </summary>
    [Fact]
    public async Task A_migration_lock_left_by_a_killed_start_stops_start_up_saying_how_to_release_it()
    {
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" VALUES (1, '2026-12-06 20:46:11.9694114+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }
        using var host = Host([]);

        var error = await Assert.ThrowsAsync<StartupValidationException>(() => host.Services.BeginStartupWork().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("2026-12-06 20:46:11", error.Message, StringComparison.Ordinal);
        Assert.Contains("DELETE FROM \"__EFMigrationsLock\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabaseFile, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The configuration, the workflows and the seed files are read at the same time (StartupFiles); a start with all
    /// three wrong still names them in the order they were always checked: configuration, workflows, seed files.
    /// </summary>
    [Fact]
    public async Task Problems_in_several_start_up_files_are_named_in_the_same_order_as_when_they_were_read_one_by_one()
    {
        using var workflows = new Workflows.WorkflowFolder(withRealDefinitions: true);
        workflows.Write("area-return.json", "{ \"id\": ");
        using var seed = new SeedFolder();
        seed.Write(Readiness.Infrastructure.Seeding.SeedReader.PortfolioFile, "[");
        var broken = new Dictionary<string, string?> { ["Workflows:Path"] = workflows.Root, ["Seed:Enabled"] = "true", ["Seed:Path"] = seed.Root };

        using (var all = Host(new(broken) { ["Heatmap:Weeks"] = "2" }))
            Assert.Contains("Weeks", (await Assert.ThrowsAsync<OptionsValidationException>(() => all.Services.BeginStartupWork())).Message, StringComparison.Ordinal);
        using (var files = Host(broken))
            Assert.Contains("area-return.json", (await Assert.ThrowsAsync<StartupValidationException>(() => files.Services.BeginStartupWork())).Message, StringComparison.Ordinal);
        using (var seedOnly = Host(new(broken) { ["Workflows:Path"] = Workflows.WorkflowFolder.RealWorkflows() }))
            Assert.Contains(Readiness.Infrastructure.Seeding.SeedReader.PortfolioFile, (await Assert.ThrowsAsync<StartupValidationException>(() => seedOnly.Services.BeginStartupWork())).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFile));
    }

    /// <summary>
    /// The start-up steps (Hangfire's storage, the first key, back-fills) need only the schema, so they run beside the
    /// seeding rather than before it: a step that waits for what the seeding writes (here the workflow snapshots) ends,
    /// and the work ends once both have.
    /// </summary>
    [Fact]
    public async Task The_start_up_steps_run_beside_the_seeding_and_the_work_waits_for_both()
    {
        var step = new WaitForSnapshotsStep();
        using var host = Host([], services => services.AddSingleton<IStartupStep>(sp => step.With(sp)));

        await host.Services.BeginStartupWork().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(step.SawSnapshots);
        Assert.True(host.Services.StartupPrepared().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failing_start_up_step_stops_start_up_with_its_own_error()
    {
        using var host = Host([], services => services.AddSingleton<IStartupStep>(new FailingStep()));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.BeginStartupWork().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(FailingStep.Message, error.Message);
        Assert.True(host.Services.StartupPrepared().IsCanceled);
    }

    /// <summary>
    /// The start-up work commits on its own connection without a sync per commit (StartupCommits) and sets it back
    /// before the connection goes to the pool: every connection a request or a job gets afterwards commits with FULL.
    /// </summary>
    [Fact]
    public async Task After_start_up_every_pooled_connection_commits_with_a_full_sync()
    {
        using var host = Host([]); // migrations and the workflow snapshots: the work writes on its connection
        await host.Services.BeginStartupWork().WaitAsync(TimeSpan.FromSeconds(60));

        var scopes = Enumerable.Range(0, 4).Select(_ => host.Services.CreateAsyncScope()).ToList();
        try
        {
            foreach (var scope in scopes)
            {
                var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.ReadinessDbContext>();
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.OpenConnectionAsync(db.Database);
                await using var command = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database).CreateCommand();
                command.CommandText = "PRAGMA synchronous";
                Assert.Equal(2L, await command.ExecuteScalarAsync()); // FULL
            }
        }
        finally
        {
            foreach (var scope in scopes) await scope.DisposeAsync();
        }
    }

    private sealed class WaitForSnapshotsStep : IStartupStep
    {
        private IServiceProvider _services = null!;

        public bool SawSnapshots { get; private set; }

        public WaitForSnapshotsStep With(IServiceProvider services)
        {
            _services = services;
            return this;
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!SawSnapshots && DateTime.UtcNow < deadline)
            {
                await using var scope = _services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.ReadinessDbContext>();
                SawSnapshots = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.WorkflowSnapshots, cancellationToken);
                if (!SawSnapshots) await Task.Delay(50, cancellationToken);
            }
        }
    }

    private sealed class FailingStep : IStartupStep
    {
        public const string Message = "The test's step failed.";

        public Task RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(Message);
    }
}
