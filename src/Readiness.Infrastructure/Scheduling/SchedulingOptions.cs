using System.ComponentModel.DataAnnotations;

namespace Readiness.Infrastructure.Scheduling;

/// <summary>Configuration section "Scheduling" (Hangfire).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Whether this process runs jobs. Off in tests and on web-only nodes; recurring jobs are still registered.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire's own SQLite file (never the app DB) on the SQLite provider; a relative path is resolved against the content root.</summary>
    [Required(ErrorMessage = "Scheduling:StoragePath is required, e.g. 'App_Data/hangfire.db'.")]
    public string StoragePath { get; set; } = "App_Data/hangfire.db";

    /// <summary>
    /// On the Postgres provider: the schema Hangfire keeps its tables in. It lives in the app database unless
    /// <see cref="PostgresConnectionString"/> names another one.
    /// </summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Scheduling:PostgresSchema must be a lower-case PostgreSQL name (letters, digits, _), e.g. 'hangfire'.")]
    public string PostgresSchema { get; set; } = "hangfire";

    /// <summary>On the Postgres provider: a separate database for Hangfire; empty means the app database (Database:ConnectionString).</summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>
    /// On the Postgres provider: after this long a Hangfire lock left by a node that died (e.g. one job at a time per
    /// recurring job) is taken over. Our jobs are safe to overlap, so a short time only costs tidiness, a long one
    /// stalls the job after a crash.
    /// </summary>
    [Range(10, 3600, ErrorMessage = "Scheduling:LockTimeoutSeconds must be between 10 and 3600.")]
    public int LockTimeoutSeconds { get; set; } = 120;

    /// <summary>How often workers look for queued jobs and due recurring jobs (Hangfire's defaults wait up to 15 s).</summary>
    [Range(1, 300, ErrorMessage = "Scheduling:PollIntervalSeconds must be between 1 and 300.")]
    public int PollIntervalSeconds { get; set; } = 5;

    [Range(1, 64, ErrorMessage = "Scheduling:WorkerCount must be between 1 and 64.")]
    public int WorkerCount { get; set; } = 2;

    [Required(ErrorMessage = "Scheduling:OutboxCron is required, e.g. '* * * * *' (every minute).")]
    public string OutboxCron { get; set; } = "* * * * *";

    [Required(ErrorMessage = "Scheduling:WorkflowClockCron is required, e.g. '* * * * *' (every minute).")]
    public string WorkflowClockCron { get; set; } = "* * * * *";

    [Required(ErrorMessage = "Scheduling:IndicatorCron is required, e.g. '0 */6 * * *' (every six hours).")]
    public string IndicatorCron { get; set; } = "0 */6 * * *";

    /// <summary>Run the reminder sweep once at start-up (catch-up after downtime; idempotent per person and day).</summary>
    public bool CatchUpAtStart { get; set; } = true;
}
