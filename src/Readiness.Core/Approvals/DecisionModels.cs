using Readiness.Core.Audit;

namespace Readiness.Core.Approvals;

public sealed record ConditionInput(string Description, string Owner, int DueOffsetDays);

/// <summary>A failed criterion the approver accepts, with why and until when.</summary>
public sealed record WaiverInput(int CriterionId, string Reason, DateOnly ExpiresOn);

/// <summary>What an approver chose on the confirmation page.</summary>
/// <param name="AcknowledgedRisks">Go / no-go: the release's open high risks the SRO ticked as acknowledged (see <see cref="Risks.RiskAcknowledgements"/>).</param>
public sealed record DecisionInput(Decision Decision, string Comment, IReadOnlyList<ConditionInput> Conditions, Dca? Dca = null, IReadOnlyList<WaiverInput>? Waivers = null,
    IReadOnlyList<int>? AcknowledgedRisks = null)
{
    public IReadOnlyList<WaiverInput> WaiverList => Waivers ?? [];
    public IReadOnlyList<int> AcknowledgedRiskList => AcknowledgedRisks ?? [];
}

/// <summary>Where a decision came from, for the audit log.</summary>
public sealed record DecisionOrigin(AuditChannel Channel, string? IpAddress, string? UserAgent);
