namespace Readiness.Core.Workflows;

/// <summary>A due trigger stored as a row: armed on entering a state, cancelled on leaving it, fired at most once.</summary>
public class WorkflowTimer
{
    private WorkflowTimer() { }

    /// <param name="instance">The instance, possibly created in the same unit of work (its id is set on commit).</param>
    public WorkflowTimer(WorkflowInstance instance, string state, string name, string trigger, DateTime dueAtUtc)
    {
        Instance = instance;
        InstanceId = instance.Id;
        State = state;
        Name = name;
        Trigger = trigger;
        DueAtUtc = dueAtUtc;
    }

    public int Id { get; private set; }
    public int InstanceId { get; private set; }
    public WorkflowInstance? Instance { get; private set; }
    public string State { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Trigger { get; private set; } = "";
    public DateTime DueAtUtc { get; private set; }
    public DateTime? FiredAtUtc { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }

    public bool IsPending => FiredAtUtc is null && CancelledAtUtc is null;

    public bool IsFor(WorkflowInstance instance) => ReferenceEquals(Instance, instance) || (instance.Id != 0 && InstanceId == instance.Id);

    internal void Fire(DateTime nowUtc) => FiredAtUtc = nowUtc;
    internal void Cancel(DateTime nowUtc) => CancelledAtUtc ??= nowUtc;
}
