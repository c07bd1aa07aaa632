namespace Readiness.Core.Workflows;

/// <summary>
/// An immutable copy of one definition version as loaded. Instances point at the snapshot they started on, so a
/// later version of the file never changes a running approval.
/// </summary>
public class WorkflowSnapshot
{
    private WorkflowSnapshot() { }

    public WorkflowSnapshot(string definitionId, int version, string contentHash, string json, DateTime loadedAtUtc)
    {
        DefinitionId = definitionId;
        Version = version;
        ContentHash = contentHash;
        Json = json;
        LoadedAtUtc = loadedAtUtc;
    }

    public int Id { get; private set; }
    public string DefinitionId { get; private set; } = "";
    public int Version { get; private set; }
    public string ContentHash { get; private set; } = "";
    public string Json { get; private set; } = "";
    public DateTime LoadedAtUtc { get; private set; }
}
