namespace Readiness.Core.Approvals;

/// <summary>Approval settings, bound from configuration ("Approvals") and validated at start by the infrastructure layer.</summary>
/// <param name="MinimumDecisionWorkingDays">
/// The least time an approver is given: a request asked late (after its gate's due date, or just before it) is due this
/// many working days from when it is asked, so it does not start overdue and escalate at once.
/// </param>
public sealed record ApprovalSettings(Uri PublicBaseUrl, TimeSpan TokenLifetime, string MessageIdDomain, int MinimumDecisionWorkingDays = 2)
{
    /// <summary>
    /// Links are built from the configured public address, never from the request's Host header. The token alone finds
    /// its request (by its hash), so a link can be written before the request has an id.
    /// </summary>
    public string DecisionLink(string token) => new Uri(PublicBaseUrl, $"Decide/{token}").ToString();

    public string Link(string path) => new Uri(PublicBaseUrl, path.TrimStart('/')).ToString();
}
