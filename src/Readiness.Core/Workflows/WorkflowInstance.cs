namespace Readiness.Core.Workflows;

public enum WorkflowStatus
{
    Running = 0,
    Completed = 1,
}

/// <summary>
/// One running workflow over one subject (an area's return, or a release gate). Its state is the single source of
/// truth for where the approval is; it changes only through <see cref="WorkflowEngine"/>.
/// </summary>
public class WorkflowInstance
{
    private WorkflowInstance() { }

    public WorkflowInstance(int snapshotId, string definitionId, int definitionVersion, string subjectKind, int subjectId, string state, DateTime nowUtc)
    {
        SnapshotId = snapshotId;
        DefinitionId = definitionId;
        DefinitionVersion = definitionVersion;
        SubjectKind = subjectKind;
        SubjectId = subjectId;
        State = state;
        CreatedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int SnapshotId { get; private set; }
    public string DefinitionId { get; private set; } = "";
    public int DefinitionVersion { get; private set; }

    /// <summary>"AreaReturn" (subject: an assessment id) or "Gate" (subject: a gate id).</summary>
    public string SubjectKind { get; private set; } = "";
    public int SubjectId { get; private set; }
    public string State { get; private set; } = "";
    public WorkflowStatus Status { get; private set; }

    /// <summary>App-managed concurrency token: two triggers racing on one instance get one winner.</summary>
    public int Version { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    internal void MoveTo(string state, bool terminal, DateTime nowUtc)
    {
        State = state;
        Status = terminal ? WorkflowStatus.Completed : WorkflowStatus.Running;
        UpdatedAtUtc = nowUtc;
        Version++;
    }
}

public static class SubjectKinds
{
    public const string AreaReturn = "AreaReturn";
    public const string Gate = "Gate";
}
