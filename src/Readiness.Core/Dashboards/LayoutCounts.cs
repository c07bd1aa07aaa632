using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Dashboards;

/// <summary>The counts the page header shows beside its links: only those of the person's roles are counted (null otherwise).</summary>
public sealed record LayoutCounts(int? DecisionsWaiting, int? OpenIncidents);

/// <summary>Read model for the layout of every page: two counts, a query each (none when the page has counted it already), nothing for roles that do not see them.</summary>
public sealed class LayoutQueries(ReadinessDbContext db, DecisionsWaiting? waiting = null)
{
    private readonly DecisionsWaiting _waiting = waiting ?? new DecisionsWaiting(db);

    public async Task<LayoutCounts> ForAsync(Actor actor, CancellationToken ct)
    {
        int? decisions = actor.IsIn(Roles.Bcm) || actor.IsIn(Roles.Sro) ? await _waiting.CountAsync(actor.UserId, ct) : null;
        int? incidents = actor.IsIn(Roles.Pmo) ? await OpenIncidents.For(db)(db, ct) : null;
        return new LayoutCounts(decisions, incidents);
    }

    // Compiled once: it runs on every page a PMO opens (the decisions' count is DecisionsWaiting's, the inbox's own).
    private static readonly CompiledPerModel<Func<ReadinessDbContext, CancellationToken, Task<int>>> OpenIncidents = new(() => EF.CompileAsyncQuery(
        (ReadinessDbContext db, CancellationToken ct) => db.Incidents.Count(i => i.ResolvedAtUtc == null)));
}
