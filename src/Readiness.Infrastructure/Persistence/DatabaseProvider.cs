using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Persistence;

/// <summary>
/// The one place a <see cref="ReadinessDbContext"/> is pointed at its provider: SQLite (pragmas per connection,
/// migrations in Readiness.Core, and the compiled model generated for SQLite by scripts/compiled-model.sh, which saves
/// building the model at start: ~1 s of every cold start) or PostgreSQL (migrations in Readiness.Migrations.Postgres,
/// the model built from OnModelCreating as before: a compiled model is provider-specific). The app, the command-line
/// commands and the tests all go through here, so they run the same migrations on the same settings.
/// </summary>
public static class DatabaseProvider
{
    public const string PostgresMigrationsAssembly = "Readiness.Migrations.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string contentRoot) =>
        SkipModelCheckAtMigrate(database.IsPostgres
            ? UsePostgres(options, database.ConnectionString)
            // A list of ids goes to SQLite as one JSON parameter: EF Core 10's default (a parameter per id) rebuilt the
            // SQL at every run of a page's IN queries, a tenth of the tracker's allocations.
            : options.UseSqlite(SqliteConnectionString(database.ConnectionString, contentRoot), o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new SqlitePragmaInterceptor())
                .UseModel(Core.Persistence.CompiledModel.ReadinessDbContextModel.Instance))
        .EnableThreadSafetyChecks(database.ThreadSafetyChecks);

    /// <summary>
    /// Starts building SQLite's compiled model on a thread-pool thread, when the configuration names SQLite. The model
    /// takes a third of a second to build (its static constructor), and the first context of the start-up work waited
    /// for it on the one busy core; begun while the host is built, it is ready by then (docs/decisions.md, cold start).
    /// A second caller of the model waits for the same build: the runtime runs a static constructor once.
    /// </summary>
    public static void PrepareModel(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var provider = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] ?? DatabaseOptions.Sqlite;
        if (provider == DatabaseOptions.Sqlite)
            ThreadPool.UnsafeQueueUserWorkItem(_ => _ = Core.Persistence.CompiledModel.ReadinessDbContextModel.Instance, null);
    }

    /// <summary>
    /// Migrate's own check that the model has no changes missing from a migration builds the last migration's snapshot
    /// model and compares it with the context's on every start (~0.7 s of a loaded cold start, the restart's too). The
    /// check does not depend on the database, so it is made once per build instead, for both providers, by
    /// <c>ModelMigrationsTests</c> (and <c>dotnet ef migrations has-pending-model-changes</c>): the app skips it.
    /// </summary>
    private static DbContextOptionsBuilder SkipModelCheckAtMigrate(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    // No provider-level retrying strategy: the unit of work owns retries (IDbErrorRule), and a retrying strategy
    // would refuse the transactions it opens. Transactions read one snapshot, as on SQLite.
    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly))
            .AddInterceptors(new SnapshotTransactionInterceptor());

    /// <summary>A context of its own (not from DI), e.g. for the copy and backup commands.</summary>
    public static ReadinessDbContext NewContext(DatabaseOptions database, string contentRoot)
    {
        var options = new DbContextOptionsBuilder<ReadinessDbContext>();
        Configure(options, database, contentRoot);
        return new ReadinessDbContext(options.Options);
    }

    public static IDbErrorRule ErrorRule(DatabaseOptions database) => database.IsPostgres ? new PostgresErrorRule() : new SqliteErrorRule();

    /// <summary>A relative SQLite path is under the content root, so the database lands in the app's folder whatever the working directory.</summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        builder.Pooling = true;
        return builder.ToString();
    }
}
