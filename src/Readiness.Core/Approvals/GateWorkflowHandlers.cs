using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Notifications;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>True when every readiness return of the release is approved (with or without conditions).</summary>
internal sealed class AllReturnsApproved : IWorkflowGuard
{
    public string Name => HandlerNames.AllReturnsApproved;
    public string Explanation => "Not every impacted business area has an approved readiness return yet.";

    public async Task<bool> CheckAsync(WorkflowContext c, CancellationToken ct)
    {
        var releaseId = await c.Db.Gates.Where(g => g.Id == c.Instance.SubjectId).Select(g => g.ReleaseId).SingleAsync(ct);
        return await GoLiveGateProgress.AllReturnsApprovedAsync(c.Db, releaseId, ct);
    }
}

/// <summary>True when no condition due before go-live is still open: an unmet pre-go-live condition blocks Go.</summary>
internal sealed class PreGoLiveConditionsMet : IWorkflowGuard
{
    public string Name => HandlerNames.PreGoLiveConditionsMet;
    public string Explanation => "Go is blocked: a condition due before go-live is still open. Mark it met, or decide Go with conditions or No-go.";

    public async Task<bool> CheckAsync(WorkflowContext c, CancellationToken ct)
    {
        var releaseId = await c.Db.Gates.Where(g => g.Id == c.Instance.SubjectId).Select(g => g.ReleaseId).SingleAsync(ct);
        return !await c.Db.ApprovalConditions.AnyAsync(x => x.ReleaseId == releaseId && x.DueOffsetDays < 0 && x.MetAtUtc == null, ct);
    }
}

/// <summary>Asks the release's SRO (or their delegate) for the go / no-go decision.</summary>
internal sealed class RequestSroDecision(ApprovalRequester requester, ApprovalEmails emails) : IWorkflowAction
{
    public string Name => HandlerNames.RequestSroDecision;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var gate = await c.Db.Gates.Include(g => g.Release).SingleAsync(g => g.Id == c.Instance.SubjectId, ct);
        // The digest is taken over tracked entities, so it includes the approval, conditions and waivers recorded
        // earlier in this unit of work: the SRO's link is current from the start.
        await requester.RequestAsync(c.Instance, new ApprovalAsk(ApprovalKind.GoLive, gate.Id, gate.ReleaseId, [gate.Release!.SroUserId], null,
            await ContentHashes.ForGoLiveAsync(c.Db, gate.ReleaseId, ct), gate.DueOn(gate.Release.GoLive), await emails.ForGoLiveAsync(gate.Id, ct)), ct);
    }
}

/// <summary>Tells the release's BCMs and the PMO what the SRO decided.</summary>
internal sealed class NotifyDecision(Outbox outbox, ApprovalSettings settings) : IWorkflowAction
{
    public string Name => HandlerNames.NotifyDecision;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var gate = await c.Db.Gates.Include(g => g.Release).SingleAsync(g => g.Id == c.Instance.SubjectId, ct);
        var release = gate.Release!;
        var by = await c.Db.Users.Where(u => u.Id == c.Trigger.ActorUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "The SRO";
        var people = await ReleaseAudience.Of(c.Db, release.Id).Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct);
        var title = definitionTitle(c);
        foreach (var p in people)
            outbox.Enqueue(new Email("Decision", p.Email!, p.DisplayName, $"{release.Code}: {title} decided by {by}",
                $"{by} recorded the go / no-go decision for {release.Name}: {title}.",
                [("Go-live (T0)", ApprovalEmails.Day(release.GoLive)), ("Rationale", c.Trigger.Comment)], [],
                "Open the release", settings.Link($"/Releases/{release.Code}")));

        static string definitionTitle(WorkflowContext c) => c.Definition.State(c.Instance.State).Title;
    }
}

/// <summary>The release went live: it is marked live and its post-go-live review starts (an area review per impacted area).</summary>
internal sealed class MarkReleaseLive(Reviews.PostGoLiveReviewStart reviews) : IWorkflowAction
{
    public string Name => HandlerNames.MarkReleaseLive;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var gate = await c.Db.Gates.Include(g => g.Release).SingleAsync(g => g.Id == c.Instance.SubjectId, ct);
        gate.Release!.MarkLive();
        await reviews.StartAsync(gate.Release, ct);
    }
}
