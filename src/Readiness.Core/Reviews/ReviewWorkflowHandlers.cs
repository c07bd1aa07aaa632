using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Notifications;
using Readiness.Core.Workflows;

namespace Readiness.Core.Reviews;

/// <summary>The handler names of workflows/post-go-live-review.json.</summary>
public static class ReviewHandlerNames
{
    public const string AllReviewsSubmitted = "AllReviewsSubmitted";
    public const string HypercareActionsMet = "HypercareActionsMet";
    public const string RequestReviewDecision = "RequestReviewDecision";
    public const string NotifyReviewDecision = "NotifyReviewDecision";
    public const string CloseRelease = "CloseRelease";
}

/// <summary>True when every impacted area's post-go-live review is submitted.</summary>
internal sealed class AllReviewsSubmitted : IWorkflowGuard
{
    public string Name => ReviewHandlerNames.AllReviewsSubmitted;
    public string Explanation => "Not every impacted area's post-go-live review has been submitted yet.";

    public async Task<bool> CheckAsync(WorkflowContext c, CancellationToken ct)
    {
        await c.Db.Assessments.Where(a => a.GateId == c.Instance.SubjectId).LoadAsync(ct);
        var reviews = c.Db.Assessments.Local.Where(a => a.GateId == c.Instance.SubjectId).ToList();
        return reviews.Count > 0 && reviews.All(a => !a.IsEditable);
    }
}

/// <summary>True when every action the SRO set when keeping the release in hypercare is met.</summary>
internal sealed class HypercareActionsMet : IWorkflowGuard
{
    public string Name => ReviewHandlerNames.HypercareActionsMet;
    public string Explanation => "A hypercare action set at the post-go-live review is still open.";

    public async Task<bool> CheckAsync(WorkflowContext c, CancellationToken ct)
    {
        var requests = c.Db.ApprovalRequests.Where(r => r.Kind == ApprovalKind.PostGoLiveReview && r.SubjectId == c.Instance.SubjectId).Select(r => r.Id);
        await c.Db.ApprovalConditions.Where(x => requests.Contains(x.ApprovalRequestId)).LoadAsync(ct);
        var ids = await requests.ToListAsync(ct);
        return !c.Db.ApprovalConditions.Local.Any(x => ids.Contains(x.ApprovalRequestId) && !x.IsMet);
    }
}

/// <summary>Asks the release's SRO (or their delegate) to close the release or keep it in hypercare.</summary>
internal sealed class RequestReviewDecision(ApprovalRequester requester, ApprovalEmails emails) : IWorkflowAction
{
    public string Name => ReviewHandlerNames.RequestReviewDecision;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var gate = await c.Db.Gates.Include(g => g.Release).SingleAsync(g => g.Id == c.Instance.SubjectId, ct);
        await requester.RequestAsync(c.Instance, new ApprovalAsk(ApprovalKind.PostGoLiveReview, gate.Id, gate.ReleaseId, [gate.Release!.SroUserId], null,
            await ContentHashes.ForReviewAsync(c.Db, gate.Id, ct), gate.DueOn(gate.Release.GoLive), await emails.ForReviewAsync(gate.Id, ct)), ct);
    }
}

/// <summary>Closing the release: it leaves hypercare, and each area's review counts as approved.</summary>
internal sealed class CloseRelease : IWorkflowAction
{
    public string Name => ReviewHandlerNames.CloseRelease;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var gate = await c.Db.Gates.Include(g => g.Release).SingleAsync(g => g.Id == c.Instance.SubjectId, ct);
        gate.Release!.Close();
        foreach (var review in await c.Db.Assessments.Where(a => a.GateId == gate.Id && a.Status == AssessmentStatus.Submitted).ToListAsync(ct))
            review.MarkApproved(withConditions: false);
    }
}

/// <summary>Tells the release's BCMs and the PMO what the SRO decided at the post-go-live review.</summary>
internal sealed class NotifyReviewDecision(Outbox outbox, ApprovalSettings settings) : IWorkflowAction
{
    public string Name => ReviewHandlerNames.NotifyReviewDecision;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var gate = await c.Db.Gates.Include(g => g.Release).SingleAsync(g => g.Id == c.Instance.SubjectId, ct);
        var release = gate.Release!;
        var by = await c.Db.Users.Where(u => u.Id == c.Trigger.ActorUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "The SRO";
        var people = await ReleaseAudience.Of(c.Db, release.Id).Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct);
        var outcome = c.Definition.State(c.Instance.State).Title;
        foreach (var p in people)
            outbox.Enqueue(new Email("Decision", p.Email!, p.DisplayName, $"{release.Code}: post-go-live review – {outcome}",
                $"{by} recorded the post-go-live review decision for {release.Name}: {outcome}.",
                [("Rationale", c.Trigger.Comment)], [], "Open the review", settings.Link($"/Releases/{release.Code}/Review")));
    }
}
