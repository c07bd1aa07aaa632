using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Readiness.Infrastructure.Persistence;

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>"Sqlite" (embedded default, one file) or "Postgres" (scale-out: several app nodes on one database).</summary>
    [Required, RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be 'Sqlite' (the embedded default) or 'Postgres'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>ADO.NET connection string. For SQLite a relative Data Source is resolved against the app's content root.</summary>
    [Required(ErrorMessage = "Database:ConnectionString is required, e.g. 'Data Source=App_Data/readiness.db'.")]
    public string ConnectionString { get; set; } = "Data Source=App_Data/readiness.db";

    /// <summary>
    /// EF Core's check that no context is used by two operations at once. Off by default: every context here belongs to
    /// one request or one job, and the check costs an async-local write per row read (a fifth of the heatmap's
    /// allocations). The tests turn it on, so a use of one context from two tasks still fails there.
    /// </summary>
    public bool ThreadSafetyChecks { get; set; }

    public bool IsPostgres => Provider == Postgres;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgres) yield break;
        string? problem;
        try
        {
            problem = string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(ConnectionString).Host) ? "it names no Host" : null;
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }
        if (problem is not null)
            yield return new ValidationResult(
                $"Database:ConnectionString is not a PostgreSQL connection string ({problem}); with Database:Provider 'Postgres' use e.g. " +
                "'Host=db.example;Port=5432;Database=readiness;Username=readiness;Password=…'.", [nameof(ConnectionString)]);
    }
}
