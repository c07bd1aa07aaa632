using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Persistence;
using Readiness.Core.Common;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Workflows;

namespace Readiness.Infrastructure.Startup;

/// <summary>
/// Start-up work, before the server takes requests: read and validate the files (<see cref="StartupFiles"/>), apply the
/// migrations (the schema only ever comes from them) with SQLite in WAL, then apply the seed data while the registered
/// <see cref="IStartupStep"/>s run beside it.
/// Every step is idempotent, so restarts are safe; on PostgreSQL the nodes go through it one at a time
/// (<see cref="StartupLock"/>).
/// </summary>
/// <remarks>
/// The host starts it before the server listens, so no request meets a half-migrated or half-seeded database. The web
/// app may <see cref="Begin"/> it earlier, as soon as the container is built: none of it needs the request pipeline,
/// so building the pipeline (mapping the pages, the dashboard) runs beside it on the second core instead of before it.
/// </remarks>
internal sealed class StartupInitializer(
    IServiceProvider services,
    IEnumerable<IStartupStep> steps,
    IOptions<SeedOptions> seedOptions,
    IOptions<WorkflowOptions> workflowOptions,
    ReadinessClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<StartupInitializer> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _prepared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _work;

    /// <summary>
    /// Completes once the database is migrated and the start-up steps have run (the first Data Protection key made),
    /// while the seed data is still being applied: what the app's own first request needs, so it can be warmed beside
    /// the seeding. Cancelled when the work fails or stops before then.
    /// </summary>
    public Task Prepared => _prepared.Task;

    /// <summary>Starts the work on a thread of its own, once; later calls return the same work.</summary>
    public Task Begin()
    {
        lock (_gate) return _work ??= Task.Run(() => RunAsync(lifetime.ApplicationStopping));
    }

    /// <summary>
    /// The host waits here, before the server and the other hosted services start, for the work begun early or now. A
    /// stop during it (Ctrl+C) is seen by the work itself at its next step: the host waits for that too, so the process
    /// never exits in the middle of a migration or a unit of work.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var work = Begin();
        try
        {
            await work.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!work.IsCompleted)
        {
            await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DoWorkAsync(cancellationToken);
        }
        finally
        {
            _prepared.TrySetCanceled(CancellationToken.None); // a no-op once prepared
        }
    }

    private async Task DoWorkAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        // Read and validate every file first: a bad workflow or seed file stops start-up before the database is touched.
        var files = await StartupFiles.ReadAsync(services, scope.ServiceProvider, seedOptions.Value, workflowOptions.Value);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
        if (db.Database.IsSqlite()) EnsureSqliteFolder(db);
        await using var startupLock = await StartupLock.AcquireAsync(db, cancellationToken);
        await using var commits = await StartupCommits.BeginAsync(db, cancellationToken);
        // WAL before the migrations (it is persistent, and opening the connection makes a new database's file): each
        // migration's commit then costs one sync of the log instead of a rollback journal's several.
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await SqliteMigrationLock.ThrowIfLeftBehindAsync(db, cancellationToken);
        }
        var created = !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
        // Not cancelled by a stop (Ctrl+C): stopped halfway, a migration can be left partly applied, and on SQLite EF Core's
        // migration lock (a row, not a session's lock) stays in the file and every later start waits for it. The stop is
        // honoured at the next step, a second or two later.
        await db.Database.MigrateAsync(CancellationToken.None);
        // A database whose data predates a read model gets its rows now (a no-op afterwards; a database the migrations
        // just created has nothing to backfill, and the three queries' first run is a fraction of a second of its start).
        if (!created) await BackfillReadModelsAsync(db, cancellationToken);
        logger.LogInformation("Database migrated in {Milliseconds} ms", watch.ElapsedMilliseconds);

        // The steps need the schema, not the seed data (Hangfire's storage, the first key, counts for old returns), and
        // each has a scope of its own: they run on the other core beside the seeding, which has the start's longest
        // stretch of work to itself. Both are awaited before the start-up lock is let go.
        var stepsRun = Task.Run(() => RunStepsAsync(cancellationToken), CancellationToken.None);
        try
        {
            await SeedAsync(scope.ServiceProvider, db, files, cancellationToken);
        }
        finally
        {
            await stepsRun.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await stepsRun; // a step's failure, once the seed's (thrown first) is not in the way
    }

    private async Task RunStepsAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps) await step.RunAsync(cancellationToken);
        _prepared.TrySetResult();
    }

    private async Task SeedAsync(IServiceProvider scoped, ReadinessDbContext db, StartupFiles files, CancellationToken cancellationToken)
    {
        var (workflows, seedSet, activity, indicators, risks, benefits) = files;
        var seed = seedOptions.Value;
        await WorkflowSnapshotSync.SyncAsync(db, workflows, clock.UtcNow, cancellationToken);
        logger.LogInformation("Workflow definitions loaded: {Definitions}", string.Join(", ", workflows.Select(w => $"{w.Definition.Id} v{w.Definition.Version}")));

        if (seedSet is not null)
        {
            // Each seeder starts on an empty tracker: what an earlier one saved is in the database, and every save
            // compares each tracked row with its snapshot, so rows left tracked would slow every later save.
            T Seeder<T>() where T : notnull
            {
                db.ChangeTracker.Clear();
                return scoped.GetRequiredService<T>();
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Seeder<DemoSeeder>().ApplyAsync(seedSet, cancellationToken);
            var portfolio = watch.ElapsedMilliseconds;
            await Seeder<ReviewSeeder>().ApplyAsync(cancellationToken);
            if (activity is not null) await Seeder<DemoActivitySeeder>().ApplyAsync(activity, cancellationToken);
            var played = watch.ElapsedMilliseconds - portfolio;
            if (indicators is not null) await Seeder<IndicatorSeeder>().ApplyAsync(indicators, cancellationToken);
            if (risks is not null) await Seeder<RiskSeeder>().ApplyAsync(risks, cancellationToken);
            if (benefits is not null) await Seeder<BenefitSeeder>().ApplyAsync(benefits, cancellationToken);
            // The cold start is measured (README): say where it goes.
            logger.LogInformation("Seed data applied from {Path} in {Milliseconds} ms (portfolio {Portfolio} ms, {Generated} generated programme(s); demo activity {Activity} ms)",
                seed.Path, watch.ElapsedMilliseconds, portfolio, seedSet.GeneratedProgrammes.Count, played);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task BackfillReadModelsAsync(ReadinessDbContext db, CancellationToken ct)
    {
        var backfilled = await Core.Portfolio.GateSummaries.BackfillAsync(db, ct);
        if (backfilled > 0) logger.LogInformation("Gate summaries computed for {Releases} release(s)", backfilled);
        var listed = await Core.Assessments.ReturnSummaries.BackfillAsync(db, ct);
        if (listed > 0) logger.LogInformation("Returns of {Releases} release(s) added to My work's table", listed);
        var loaded = await Core.Portfolio.AreaWeekLoads.BackfillAsync(db, ct);
        if (loaded > 0) logger.LogInformation("Change load of {Releases} release(s) added to the heatmap's table", loaded);
    }

    private static void EnsureSqliteFolder(ReadinessDbContext db)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
