namespace Readiness.Core.Approvals;

/// <summary>
/// A criterion accepted as failed for one return, by the approver, with a reason and an expiry: the decision pack
/// shows it so the SRO knows what was let through and until when.
/// </summary>
public class Waiver
{
    private Waiver() { }

    public Waiver(int approvalRequestId, int assessmentId, int criterionId, string reason, string approvedByUserId, DateOnly expiresOn, DateTime nowUtc)
    {
        ApprovalRequestId = approvalRequestId;
        AssessmentId = assessmentId;
        CriterionId = criterionId;
        Reason = reason;
        ApprovedByUserId = approvedByUserId;
        ExpiresOn = expiresOn;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int ApprovalRequestId { get; private set; }
    public int AssessmentId { get; private set; }
    public int CriterionId { get; private set; }
    public string Reason { get; private set; } = "";
    public string ApprovedByUserId { get; private set; } = "";
    public DateOnly ExpiresOn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}
