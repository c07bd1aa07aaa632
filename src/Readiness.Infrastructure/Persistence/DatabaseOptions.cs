using System.ComponentModel.DataAnnotations;

namespace Readiness.Infrastructure.Persistence;

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (embedded default). PostgreSQL is the planned scale-out provider.</summary>
    [Required, RegularExpression("^Sqlite$", ErrorMessage = "Database:Provider must be 'Sqlite' (the only provider in this version).")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>ADO.NET connection string. For SQLite a relative Data Source is resolved against the app's content root.</summary>
    [Required(ErrorMessage = "Database:ConnectionString is required, e.g. 'Data Source=App_Data/readiness.db'.")]
    public string ConnectionString { get; set; } = "Data Source=App_Data/readiness.db";
}
