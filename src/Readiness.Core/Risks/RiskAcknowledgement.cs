namespace Readiness.Core.Risks;

/// <summary>
/// That the SRO, deciding go / no-go on a release, acknowledged one of its open high risks (at the score it had then).
/// Written in the decision's unit of work, so a decision and its acknowledgements exist together or not at all.
/// </summary>
public class RiskAcknowledgement
{
    private RiskAcknowledgement() { }

    public RiskAcknowledgement(int approvalRequestId, int riskId, int score, DateTime nowUtc)
    {
        ApprovalRequestId = approvalRequestId;
        RiskId = riskId;
        Score = score;
        AcknowledgedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int ApprovalRequestId { get; private set; }
    public int RiskId { get; private set; }
    public int Score { get; private set; }
    public DateTime AcknowledgedAtUtc { get; private set; }
}
