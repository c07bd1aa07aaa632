using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>
/// Moves a release's go / no-go gate on to the SRO's decision once every readiness return is approved. A return being
/// approved is the usual way there; a PMO change can get there too, with nobody approving anything: the last open
/// area's impact removed, or a go / no-go gate added after every return was approved. Both paths come here so the SRO
/// is asked either way.
/// </summary>
public sealed class GoLiveGateProgress(ReadinessDbContext db, WorkflowCatalog catalog, Lazy<WorkflowEngine> engine)
{
    /// <summary>
    /// True when the release has readiness returns and all are approved (with or without conditions). A tracking query:
    /// returns approved earlier in this unit of work count as they are in memory.
    /// </summary>
    public static async Task<bool> AllReturnsApprovedAsync(ReadinessDbContext db, int releaseId, CancellationToken ct)
    {
        var returns = await (from a in db.Assessments
                             join g in db.Gates on a.GateId equals g.Id
                             where a.ReleaseId == releaseId && g.Kind == GateKind.Readiness
                             select a).ToListAsync(ct);
        return returns.Count > 0 && returns.All(a => a.IsApproved);
    }

    /// <summary>After a return's approval: starts the gate's workflow (it then shows as collecting returns) and moves it on when the guard allows.</summary>
    public Task AfterApprovalAsync(int releaseId, CancellationToken ct) => AdvanceAsync(releaseId, ct);

    /// <summary>
    /// After a PMO change to the release's gates, impacts or returns (saved, not yet committed): moves the gate on only
    /// when every return is approved, so an edit never starts a workflow that has nothing to do, and never on a release
    /// that is already live or closed.
    /// </summary>
    public async Task AfterPortfolioChangeAsync(int releaseId, CancellationToken ct)
    {
        var status = await db.Releases.Where(r => r.Id == releaseId).Select(r => (ReleaseStatus?)r.Status).SingleOrDefaultAsync(ct);
        if (status is not (ReleaseStatus.Planned or ReleaseStatus.InReadiness)) return;
        if (!await AllReturnsApprovedAsync(db, releaseId, ct)) return;
        await AdvanceAsync(releaseId, ct);
    }

    private async Task AdvanceAsync(int releaseId, CancellationToken ct)
    {
        var gate = await db.Gates.FirstOrDefaultAsync(g => g.ReleaseId == releaseId && g.Kind == GateKind.GoNoGo, ct);
        if (gate is null) return;
        var instance = await engine.Value.EnsureStartedAsync(catalog.DefinitionIdFor(gate), SubjectKinds.Gate, gate.Id, ct);
        var definition = await engine.Value.DefinitionOfAsync(instance, ct);
        // Only fire while the gate is waiting for returns; a guard refusal just means other areas are still open.
        if (WorkflowMachine.Transition(definition, instance.State, GateTriggers.AllReturnsApproved) is not null)
            await engine.Value.FireAsync(instance, TriggerContext.System(GateTriggers.AllReturnsApproved), ct);
    }
}
