using Readiness.Core.Approvals;
using Readiness.Core.Audit;

namespace Readiness.Web.Infrastructure;

/// <summary>Where a request came from, for the audit log (IP address and user agent).</summary>
public static class RequestOrigins
{
    public static RequestOrigin Origin(this HttpContext context) =>
        new(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());

    public static DecisionOrigin DecisionOrigin(this HttpContext context, AuditChannel channel) =>
        new(channel, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
}
