using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Reviews;

/// <summary>
/// Moves a release's post-go-live review on from outside a workflow, inside the caller's unit of work: when an area's
/// review is submitted (the SRO is asked once every area's is in) and when a hypercare action is met (the SRO is asked
/// again once every action is). The review's guard decides; a trigger it cannot take yet changes nothing.
/// </summary>
public sealed class ReviewTriggers(ReadinessDbContext db, WorkflowEngine engine, WorkflowCatalog catalog)
{
    public const string AllReviewsSubmitted = "allReviewsSubmitted";
    public const string ActionsMet = "actionsMet";

    public async Task ReviewSubmittedAsync(Gate gate, CancellationToken ct)
    {
        var instance = await engine.EnsureStartedAsync(catalog.DefinitionIdFor(gate), SubjectKinds.Gate, gate.Id, ct);
        await engine.FireAsync(instance, TriggerContext.System(AllReviewsSubmitted), ct);
    }

    /// <summary>A condition was met: when it is one of a post-go-live review decision's actions, the review may move on.</summary>
    public async Task ConditionMetAsync(ApprovalCondition condition, CancellationToken ct)
    {
        var gateId = await db.ApprovalRequests.Where(r => r.Id == condition.ApprovalRequestId && r.Kind == ApprovalKind.PostGoLiveReview)
            .Select(r => (int?)r.SubjectId).FirstOrDefaultAsync(ct);
        if (gateId is null || await engine.FindAsync(SubjectKinds.Gate, gateId.Value, ct) is not { } instance) return;
        await engine.FireAsync(instance, TriggerContext.System(ActionsMet), ct);
    }
}
