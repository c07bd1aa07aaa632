namespace Readiness.Core.Workflows;

/// <summary>
/// Something that failed and needs a person: e.g. an email that could not be sent after its retries.
/// Shown to the PMO; the workflow state itself never half-commits.
/// </summary>
public class Incident
{
    private Incident() { }

    public Incident(string kind, string subject, string message, DateTime nowUtc, int? workflowInstanceId = null)
    {
        Kind = kind;
        Subject = subject;
        Message = message;
        CreatedAtUtc = nowUtc;
        WorkflowInstanceId = workflowInstanceId;
    }

    public int Id { get; private set; }
    public string Kind { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Message { get; private set; } = "";
    public int? WorkflowInstanceId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public string? ResolvedByUserId { get; private set; }

    public void Resolve(string userId, DateTime nowUtc)
    {
        ResolvedAtUtc ??= nowUtc;
        ResolvedByUserId ??= userId;
    }
}
