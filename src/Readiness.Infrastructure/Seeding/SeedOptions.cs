namespace Readiness.Infrastructure.Seeding;

/// <summary>Configuration section "Seed".</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Load seed-data/ at start-up (idempotent: only what is missing is added).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Also play seed-data/demo-activity.json through the real use cases on first start (returns submitted and
    /// decided), so the demo opens mid-flight. Tests that need an untouched portfolio turn it off.
    /// </summary>
    public bool DemoActivity { get; set; } = true;

    /// <summary>
    /// Also generate the rest of the demo portfolio from seed-data/portfolio-generated.json (76 releases across the
    /// report's programmes, added in bulk). Test apps turn it off unless a test is about the full demo.
    /// </summary>
    public bool Generated { get; set; } = true;

    /// <summary>Folder holding the seed files; relative paths are resolved against the application's base directory.</summary>
    public string Path { get; set; } = "seed-data";

    public string ResolvedPath => System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(AppContext.BaseDirectory, Path);
}
