using Readiness.Core.Audit;

namespace Readiness.Core.Approvals;

public sealed record ConditionInput(string Description, string Owner, int DueOffsetDays);

/// <summary>A failed criterion the approver accepts, with why and until when.</summary>
public sealed record WaiverInput(int CriterionId, string Reason, DateOnly ExpiresOn);

/// <summary>What an approver chose on the confirmation page.</summary>
public sealed record DecisionInput(Decision Decision, string Comment, IReadOnlyList<ConditionInput> Conditions, Dca? Dca = null, IReadOnlyList<WaiverInput>? Waivers = null)
{
    public IReadOnlyList<WaiverInput> WaiverList => Waivers ?? [];
}

/// <summary>Where a decision came from, for the audit log.</summary>
public sealed record DecisionOrigin(AuditChannel Channel, string? IpAddress, string? UserAgent);

public enum DecisionOutcomeKind
{
    Recorded,

    /// <summary>Someone already decided (or the request was closed): not an error, say who and when.</summary>
    AlreadyClosed,

    /// <summary>The content changed after the link was sent; the old link cannot decide.</summary>
    Stale,

    /// <summary>The input needs fixing (e.g. a missing comment); nothing changed.</summary>
    Invalid,

    /// <summary>Forged, expired, mismatched or not yours: one uniform answer, nothing changed.</summary>
    Refused,

    /// <summary>The submitter tried to decide on their own return.</summary>
    SelfApproval,
}

public sealed record DecisionOutcome(DecisionOutcomeKind Kind, string Message, IReadOnlyDictionary<string, string>? FieldErrors = null)
{
    public const string UniformRefusal = "This link cannot be used. It may have expired, been replaced by a newer one, or belong to someone else. Open Readiness and use your inbox instead.";

    public static readonly DecisionOutcome Refused = new(DecisionOutcomeKind.Refused, UniformRefusal);
}
