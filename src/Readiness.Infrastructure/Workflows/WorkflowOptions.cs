using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Workflows;

/// <summary>Configuration section "Workflows".</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>Folder holding workflow.schema.json and the definitions; relative paths are resolved against the application's base directory.</summary>
    public string Path { get; set; } = "workflows";

    /// <summary>
    /// Gate kind → id of the definition a new gate of that kind starts. A release may name a variant instead
    /// (e.g. area-return-two-approvers for high-impact releases). Configuration adds to or overrides these entries.
    /// </summary>
    public Dictionary<string, string> Defaults { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(GateKind.Readiness)] = "area-return",
        [nameof(GateKind.GoNoGo)] = "go-live-gate",
        [nameof(GateKind.PostGoLiveReview)] = "post-go-live-review",
    };

    public string ResolvedPath => System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(AppContext.BaseDirectory, Path);

    /// <summary>Every default must be a real gate kind and name a loaded definition; call after loading, before the server takes requests.</summary>
    public void ValidateDefaults(IReadOnlyList<LoadedDefinition> loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var ids = loaded.Select(l => l.Definition.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        foreach (var (kind, id) in Defaults.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var key = $"{Section}:{nameof(Defaults)}:{kind}";
            if (!Enum.TryParse<GateKind>(kind, ignoreCase: true, out _) || int.TryParse(kind, out _))
                problems.Add($"{key}: '{kind}' is not a gate kind. Use one of: {string.Join(", ", Enum.GetNames<GateKind>())}.");
            if (!ids.Contains(id, StringComparer.Ordinal))
                problems.Add($"{key}: no workflow definition has id '{id}'. Use one of: {string.Join(", ", ids)} (the files in {Path}), or add {id}.json there.");
        }
        if (problems.Count > 0)
            throw new StartupValidationException($"The workflow defaults in configuration are wrong:\n{string.Join('\n', problems.Select(p => "  - " + p))}");
    }
}
