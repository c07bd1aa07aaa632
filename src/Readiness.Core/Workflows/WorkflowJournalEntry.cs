namespace Readiness.Core.Workflows;

/// <summary>One transition of an instance: the timeline on the release page is made of these. Append-only.</summary>
public class WorkflowJournalEntry
{
    private WorkflowJournalEntry() { }

    public WorkflowJournalEntry(WorkflowInstance instance, string fromState, string toState, string trigger, string? actorUserId, string? onBehalfOfUserId, string comment, DateTime atUtc)
    {
        Instance = instance;
        InstanceId = instance.Id;
        FromState = fromState;
        ToState = toState;
        Trigger = trigger;
        ActorUserId = actorUserId;
        OnBehalfOfUserId = onBehalfOfUserId;
        Comment = comment;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }
    public int InstanceId { get; private set; }
    public WorkflowInstance? Instance { get; private set; }
    public string FromState { get; private set; } = "";
    public string ToState { get; private set; } = "";
    public string Trigger { get; private set; } = "";

    /// <summary>Null when the system acted (a timer, or the runtime itself).</summary>
    public string? ActorUserId { get; private set; }
    public string? OnBehalfOfUserId { get; private set; }
    public string Comment { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
}
