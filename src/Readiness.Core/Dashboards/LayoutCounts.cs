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
        int? decisions = actor.IsIn(Roles.Bcm) || actor.IsIn(Roles.Sro) ? await DecisionsWaiting.For(db)(db, actor.UserId, ct) : null;
        int? incidents = actor.IsIn(Roles.Pmo) ? await OpenIncidents.For(db)(db, ct) : null;
        return new LayoutCounts(decisions, incidents);
    }

    // Compiled once: they run on every page a BCM, SRO or PMO opens.
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, CancellationToken, Task<int>>> DecisionsWaiting = new(() => EF.CompileAsyncQuery(
        (ReadinessDbContext db, string userId, CancellationToken ct) => db.ApprovalRequests.Count(r => r.ApproverUserId == userId && r.Status == ApprovalStatus.Pending)));

    private static readonly CompiledPerModel<Func<ReadinessDbContext, CancellationToken, Task<int>>> OpenIncidents = new(() => EF.CompileAsyncQuery(
        (ReadinessDbContext db, CancellationToken ct) => db.Incidents.Count(i => i.ResolvedAtUtc == null)));
}
