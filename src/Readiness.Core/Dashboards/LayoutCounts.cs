using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Dashboards;

/// <summary>The counts the page header shows beside its links: only those of the person's roles are counted (null otherwise).</summary>
public sealed record LayoutCounts(int? DecisionsWaiting, int? OpenIncidents);

/// <summary>Read model for the layout of every page: two counts, a query each, nothing for roles that do not see them.</summary>
public sealed class LayoutQueries(ReadinessDbContext db)
{
    public async Task<LayoutCounts> ForAsync(Actor actor, CancellationToken ct)
    {
        int? decisions = actor.IsIn(Roles.Bcm) || actor.IsIn(Roles.Sro)
            ? await db.ApprovalRequests.CountAsync(r => r.ApproverUserId == actor.UserId && r.Status == ApprovalStatus.Pending, ct)
            : null;
        int? incidents = actor.IsIn(Roles.Pmo) ? await db.Incidents.CountAsync(i => i.ResolvedAtUtc == null, ct) : null;
        return new LayoutCounts(decisions, incidents);
    }
}
