using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Reviews;

/// <summary>
/// Starts a release's post-go-live review when it goes live: one review per impacted area on the newest
/// post-go-live-review template (the area's BCMs fill it in), and the review gate's workflow, collecting them. Used by the
/// go-live workflow's entry action and by the demo seeder, so it never fires a trigger (an entry action may not reach the
/// engine); it only creates rows. Idempotent: areas already reviewed and a workflow already started are left alone.
/// </summary>
public sealed class PostGoLiveReviewStart(ReadinessDbContext db, WorkflowCatalog catalog, ReadinessClock clock)
{
    public const string TemplateKey = "post-go-live-review";

    /// <summary>The number of area reviews created (0 when the release has no review gate, or no review template is published).</summary>
    public async Task<int> StartAsync(Release release, CancellationToken ct)
    {
        var gate = await db.Gates.FirstOrDefaultAsync(g => g.ReleaseId == release.Id && g.Kind == GateKind.PostGoLiveReview, ct);
        var templateId = await db.Templates.Where(t => t.Key == TemplateKey).OrderByDescending(t => t.Version).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        if (gate is null || templateId is null) return 0;
        var reviewed = await db.Assessments.Where(a => a.GateId == gate.Id).Select(a => a.BusinessAreaId).ToListAsync(ct);
        var areas = await db.Impacts.Where(i => i.ReleaseId == release.Id && !reviewed.Contains(i.BusinessAreaId)).Select(i => i.BusinessAreaId).ToListAsync(ct);
        db.Assessments.AddRange(areas.Select(area => new Assessment(release.Id, gate.Id, area, templateId.Value, clock.UtcNow)));
        if (!await db.WorkflowInstances.AnyAsync(i => i.SubjectKind == SubjectKinds.Gate && i.SubjectId == gate.Id, ct))
        {
            var (snapshotId, definition) = await catalog.LatestAsync(db, catalog.DefinitionIdFor(gate), ct);
            db.WorkflowInstances.Add(new WorkflowInstance(snapshotId, definition.Id, definition.Version, SubjectKinds.Gate, gate.Id, definition.InitialState, clock.UtcNow));
        }
        return areas.Count;
    }
}
