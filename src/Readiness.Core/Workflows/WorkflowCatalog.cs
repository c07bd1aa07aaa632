using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Workflows;

/// <summary>
/// Which definition a gate runs, and the parsed definitions by snapshot. Snapshots are immutable, so a parsed
/// snapshot is cached for the life of the process.
/// </summary>
public sealed class WorkflowCatalog(IReadOnlyDictionary<string, string> defaultsByGateKind)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly ConcurrentDictionary<int, WorkflowDefinition> _bySnapshot = new();

    /// <summary>The definition id for a gate: its own override, else the configured default for its kind.</summary>
    public string DefinitionIdFor(Gate gate) =>
        gate.WorkflowDefinitionId ?? (defaultsByGateKind.TryGetValue(gate.Kind.ToString(), out var id)
            ? id
            : throw new InvalidOperationException($"No workflow is configured for gate kind {gate.Kind} (Workflows:Defaults:{gate.Kind})."));

    public async Task<WorkflowDefinition> ForSnapshotAsync(ReadinessDbContext db, int snapshotId, CancellationToken ct)
    {
        if (_bySnapshot.TryGetValue(snapshotId, out var cached)) return cached;
        var json = await db.WorkflowSnapshots.Where(s => s.Id == snapshotId).Select(s => s.Json).SingleAsync(ct);
        return _bySnapshot.GetOrAdd(snapshotId, _ => Parse(json));
    }

    /// <summary>The newest snapshot of a definition: new instances start on it.</summary>
    public async Task<(int SnapshotId, WorkflowDefinition Definition)> LatestAsync(ReadinessDbContext db, string definitionId, CancellationToken ct)
    {
        var id = await db.WorkflowSnapshots.Where(s => s.DefinitionId == definitionId).OrderByDescending(s => s.Version).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Workflow definition '{definitionId}' is not loaded.");
        return (id, await ForSnapshotAsync(db, id, ct));
    }

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Json) ?? throw new InvalidOperationException("Empty workflow definition.");
}
