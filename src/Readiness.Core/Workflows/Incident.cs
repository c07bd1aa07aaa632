namespace Readiness.Core.Workflows;

/// <summary>
/// Something that failed and needs a person: e.g. an email that could not be sent after its retries.
/// Shown to the PMO; the workflow state itself never half-commits.
/// </summary>
public class Incident
{
    private Incident() { }

    /// <param name="instance">The workflow it happened in, possibly created in the same unit of work.</param>
    public Incident(string kind, string subject, string message, DateTime nowUtc, WorkflowInstance? instance = null)
    {
        Kind = kind;
        Subject = subject;
        Message = message;
        CreatedAtUtc = nowUtc;
        WorkflowInstance = instance;
        WorkflowInstanceId = instance?.Id is > 0 ? instance.Id : null;
    }

    public int Id { get; private set; }
    public string Kind { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Message { get; private set; } = "";
    public int? WorkflowInstanceId { get; private set; }
    public WorkflowInstance? WorkflowInstance { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public string? ResolvedByUserId { get; private set; }

    /// <summary>The outbox message that could not be sent: retrying re-queues it.</summary>
    public int? OutboxMessageId { get; private set; }

    /// <summary>The timer whose trigger was refused: retrying fires its trigger again while the instance is still in that state.</summary>
    public int? TimerId { get; private set; }

    /// <summary>The state whose entry actions failed to do their work (e.g. nobody to ask): retrying runs them again while the instance is still in it.</summary>
    public string? ActionState { get; private set; }

    /// <summary>The lead indicator whose source failed: retrying polls it again.</summary>
    public int? IndicatorId { get; private set; }

    public bool CanRetry => ResolvedAtUtc is null && (OutboxMessageId is not null || TimerId is not null || ActionState is not null || IndicatorId is not null);

    public Incident RetriesEmail(int outboxMessageId)
    {
        OutboxMessageId = outboxMessageId;
        return this;
    }

    public Incident RetriesTimer(int timerId)
    {
        TimerId = timerId;
        return this;
    }

    public Incident RetriesAction(string state)
    {
        ActionState = state;
        return this;
    }

    public Incident RetriesIndicator(int indicatorId)
    {
        IndicatorId = indicatorId;
        return this;
    }

    public void Resolve(string userId, DateTime nowUtc)
    {
        ResolvedAtUtc ??= nowUtc;
        ResolvedByUserId ??= userId;
    }
}
