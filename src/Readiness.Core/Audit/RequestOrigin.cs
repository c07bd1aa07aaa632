namespace Readiness.Core.Audit;

/// <summary>Where a web request came from, for the audit log (IP address and user agent).</summary>
public sealed record RequestOrigin(string? IpAddress, string? UserAgent);
