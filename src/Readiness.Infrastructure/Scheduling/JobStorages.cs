using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Scheduling;

/// <summary>
/// Hangfire's storage for the app's provider: its own SQLite file beside the app database, or tables in their own
/// schema on PostgreSQL so every node's server shares one queue. Either way the app database stays the source of
/// truth for due work (DESIGN §7): losing this storage loses nothing.
/// </summary>
internal static class JobStorages
{
    public static JobStorage Create(SchedulingOptions o, DatabaseOptions database, string contentRoot)
    {
        var poll = TimeSpan.FromSeconds(o.PollIntervalSeconds);
        if (database.IsPostgres)
        {
            var connectionString = PostgresConnectionString(o, database);
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = o.PostgresSchema,
                // Not in the constructor: the dashboard asks for the storage while the pipeline is built, before
                // start-up has made the database. The start-up step installs the schema instead (see below).
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = poll,
                DistributedLockTimeout = TimeSpan.FromSeconds(o.LockTimeoutSeconds),
                // A job fetched by a node that died becomes visible again after this; the sliding timeout keeps a
                // long job that is still running on a live node from being handed out twice.
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                UseSlidingInvisibilityTimeout = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }

        var path = Path.Combine(contentRoot, o.StoragePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        return new SQLiteStorage(new SQLiteDbConnectionFactory(() => OpenSqlite(path)), new SQLiteStorageOptions { QueuePollInterval = poll });
    }

    /// <summary>
    /// A connection as the storage opens its own (read-write, created if missing, the storage's pool serialising use,
    /// ticks for dates, a 10 s busy timeout), committing with <c>synchronous=NORMAL</c>: in WAL mode the log is synced
    /// at checkpoints, not at every commit. Hangfire commits several times a second while it works (locks, counters,
    /// heartbeats), and the storage holds nothing the app database does not (see above): a power cut can at most undo
    /// its last commits, which means a job run twice (every job is retry-safe) or a definition written again at the
    /// next start — never a corrupt file.
    /// </summary>
    private static SQLite.SQLiteConnection OpenSqlite(string path)
    {
        var connection = new SQLite.SQLiteConnection(path, SQLite.SQLiteOpenFlags.ReadWrite | SQLite.SQLiteOpenFlags.Create | SQLite.SQLiteOpenFlags.NoMutex,
            storeDateTimeAsTicks: true) { BusyTimeout = TimeSpan.FromSeconds(10) };
        connection.Execute("PRAGMA synchronous=NORMAL;");
        return connection;
    }

    public static string PostgresConnectionString(SchedulingOptions o, DatabaseOptions database) =>
        string.IsNullOrWhiteSpace(o.PostgresConnectionString) ? database.ConnectionString : o.PostgresConnectionString;
}

/// <summary>
/// Installs or upgrades Hangfire's PostgreSQL schema once the app database exists, one node at a time (inside the
/// start-up lock); on SQLite, opening the storage makes its file.
/// </summary>
internal sealed class JobStorageStartupStep(JobStorage storage, IOptions<SchedulingOptions> options, IOptions<DatabaseOptions> database, ILoggerFactory logging) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (database.Value.IsPostgres)
        {
            // Hangfire's log provider is process-wide and Hangfire's types take their loggers from it once: point it at
            // this host's logging before the installer first logs (not at another host's, disposed, in a test process).
            GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(logging));
            await using var connection = new NpgsqlConnection(JobStorages.PostgresConnectionString(options.Value, database.Value));
            await connection.OpenAsync(cancellationToken);
            PostgreSqlObjectsInstaller.Install(connection, options.Value.PostgresSchema);
        }
        using var check = storage.GetConnection();
    }
}
