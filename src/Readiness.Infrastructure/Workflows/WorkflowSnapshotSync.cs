using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Workflows;

/// <summary>
/// Records each loaded (id, version) as an immutable snapshot. Running instances point at the snapshot they started
/// on, so a snapshot is never updated or deleted, and a file whose content changed without a version bump is refused.
/// </summary>
public static class WorkflowSnapshotSync
{
    public static async Task SyncAsync(ReadinessDbContext db, IReadOnlyList<LoadedDefinition> loaded, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(loaded);
        var ids = loaded.Select(l => l.Definition.Id).Distinct().ToList();
        var stored = await db.WorkflowSnapshots.AsNoTracking()
            .Where(s => ids.Contains(s.DefinitionId))
            .ToListAsync(ct);

        var problems = new List<string>();
        foreach (var item in loaded)
        {
            var (id, version) = (item.Definition.Id, item.Definition.Version);
            var existing = stored.FirstOrDefault(s => s.DefinitionId == id && s.Version == version);
            if (existing is null)
            {
                db.WorkflowSnapshots.Add(new WorkflowSnapshot(id, version, item.ContentHash, item.Json, nowUtc));
            }
            else if (existing.ContentHash != item.ContentHash && !SameMeaning(existing, item))
            {
                var next = stored.Where(s => s.DefinitionId == id).Select(s => s.Version).Append(version).Max() + 1;
                problems.Add($"{item.File}: $.version: '{id}' version {version} is already in use with different content. "
                    + $"Running instances stay on the version they started on; publish the change as version {next}.");
            }
        }
        if (problems.Count > 0)
            throw new StartupValidationException(
                $"{problems.Count} workflow definition(s) changed without a new version; nothing was saved:\n{string.Join('\n', problems.Select(p => "  - " + p))}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A stored hash can differ only because the canonical form itself changed (e.g. a new optional property in
    /// the definition records); re-reading the stored JSON tells that apart from a real change of content.
    /// </summary>
    private static bool SameMeaning(WorkflowSnapshot existing, LoadedDefinition item)
    {
        try
        {
            return WorkflowDefinitionLoader.ContentHashOf(WorkflowDefinitionLoader.FromSnapshotJson(existing.Json)) == item.ContentHash;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
