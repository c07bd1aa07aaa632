using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>
/// Moves a release's go / no-go gate on to the SRO's decision once every readiness return is approved, when a PMO
/// change gets there with nobody approving anything: the last open area's impact removed, or a go / no-go gate added
/// after every return was approved. (A return being approved is the usual way there: its workflow raises the same
/// trigger through <see cref="CheckGateReady"/>.)
/// </summary>
public sealed class GoLiveGateProgress(ReadinessDbContext db, WorkflowCatalog catalog, WorkflowEngine engine)
{
    /// <summary>
    /// True when the release has readiness returns and all are approved (with or without conditions). A tracking query:
    /// returns approved or removed earlier in this unit of work count as they are in memory.
    /// </summary>
    public static async Task<bool> AllReturnsApprovedAsync(ReadinessDbContext db, int releaseId, CancellationToken ct)
    {
        var returns = await (from a in db.Assessments
                             join g in db.Gates on a.GateId equals g.Id
                             where a.ReleaseId == releaseId && g.Kind == GateKind.Readiness
                             select a).ToListAsync(ct);
        var deleted = db.ChangeTracker.Entries<Assessments.Assessment>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity).ToHashSet();
        var live = returns.Where(a => !deleted.Contains(a)).ToList();
        return live.Count > 0 && live.All(a => a.IsApproved);
    }

    /// <summary>
    /// After a PMO change to the release's gates, impacts or returns (in the same unit of work): moves the gate on only
    /// when every return is approved, so an edit never starts a workflow that has nothing to do, and never on a release
    /// that is already live or closed.
    /// </summary>
    public async Task AfterPortfolioChangeAsync(int releaseId, CancellationToken ct)
    {
        var release = await db.Releases.FirstOrDefaultAsync(r => r.Id == releaseId, ct);
        if (release?.Status is not (ReleaseStatus.Planned or ReleaseStatus.InReadiness)) return;
        if (!await AllReturnsApprovedAsync(db, releaseId, ct)) return;
        var gate = db.Gates.Local.FirstOrDefault(g => g.ReleaseId == releaseId && g.Kind == GateKind.GoNoGo && db.Entry(g).State != EntityState.Deleted)
                   ?? await db.Gates.FirstOrDefaultAsync(g => g.ReleaseId == releaseId && g.Kind == GateKind.GoNoGo, ct);
        if (gate is null || gate.Id == 0) return;
        var instance = await engine.EnsureStartedAsync(catalog.DefinitionIdFor(gate), SubjectKinds.Gate, gate.Id, ct);
        var definition = await engine.DefinitionOfAsync(instance, ct);
        // Only fire while the gate is waiting for returns; a guard refusal just means other areas are still open.
        if (WorkflowMachine.Transition(definition, instance.State, GateTriggers.AllReturnsApproved) is not null)
            await engine.FireAsync(instance, TriggerContext.System(GateTriggers.AllReturnsApproved), ct);
    }
}
