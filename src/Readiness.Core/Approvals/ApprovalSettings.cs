namespace Readiness.Core.Approvals;

/// <summary>Approval settings, bound from configuration ("Approvals") and validated at start by the infrastructure layer.</summary>
public sealed record ApprovalSettings(Uri PublicBaseUrl, TimeSpan TokenLifetime, string MessageIdDomain)
{
    /// <summary>Links are built from the configured public address, never from the request's Host header.</summary>
    public string DecisionLink(int requestId, string token) => new Uri(PublicBaseUrl, $"Decide/{requestId}/{token}").ToString();

    public string Link(string path) => new Uri(PublicBaseUrl, path.TrimStart('/')).ToString();
}
