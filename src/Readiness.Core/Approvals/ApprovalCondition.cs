namespace Readiness.Core.Approvals;

/// <summary>
/// A condition attached to a conditional approval: an owner and a due day relative to go-live. An unmet
/// condition due before go-live blocks a Go decision.
/// </summary>
public class ApprovalCondition
{
    private ApprovalCondition() { }

    public ApprovalCondition(int approvalRequestId, int releaseId, string description, string owner, int dueOffsetDays, DateTime nowUtc)
    {
        ApprovalRequestId = approvalRequestId;
        ReleaseId = releaseId;
        Description = description;
        Owner = owner;
        DueOffsetDays = dueOffsetDays;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int ApprovalRequestId { get; private set; }
    public int ReleaseId { get; private set; }
    public string Description { get; private set; } = "";
    public string Owner { get; private set; } = "";

    /// <summary>Days from T0; negative means before go-live.</summary>
    public int DueOffsetDays { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? MetAtUtc { get; private set; }
    public string? MetByUserId { get; private set; }
    public string MetNote { get; private set; } = "";

    public bool IsPreGoLive => DueOffsetDays < 0;
    public bool IsMet => MetAtUtc is not null;

    public void MarkMet(string userId, string note, DateTime nowUtc)
    {
        if (IsMet) return;
        MetAtUtc = nowUtc;
        MetByUserId = userId;
        MetNote = note;
    }
}
