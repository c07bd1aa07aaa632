using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>Entry actions of the area-return workflows (workflows/area-return*.json).</summary>
internal static class ReturnWorkflow
{
    public static async Task<Assessments.Assessment> AssessmentAsync(WorkflowContext c, CancellationToken ct) =>
        await c.Db.Assessments.Include(a => a.Answers).SingleAsync(a => a.Id == c.Instance.SubjectId, ct);

    public static async Task<DateOnly> DueOnAsync(ReadinessDbContext db, Assessments.Assessment a, CancellationToken ct)
    {
        var gate = await db.Gates.Include(g => g.Release).SingleAsync(g => g.Id == a.GateId, ct);
        return gate.DueOn(gate.Release!.GoLive);
    }
}

/// <summary>Asks the area's BCMs (or their delegates) to decide on the submitted return.</summary>
internal sealed class RequestBcmApproval(ApprovalRequester requester, ApprovalEmails emails) : IWorkflowAction
{
    public string Name => HandlerNames.RequestBcmApproval;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var a = await ReturnWorkflow.AssessmentAsync(c, ct);
        var bcms = await c.Db.AreaMemberships.Where(m => m.BusinessAreaId == a.BusinessAreaId && m.Role == AreaRole.Bcm).Select(m => m.UserId).ToListAsync(ct);
        await requester.RequestAsync(c.Instance, new ApprovalAsk(ApprovalKind.AreaReturn, a.Id, a.ReleaseId, bcms, a.SubmittedByUserId, a.ContentHash(),
            await ReturnWorkflow.DueOnAsync(c.Db, a, ct), await emails.ForReturnAsync(a.Id, "review it as the area's Business Change Manager", ct)), ct);
    }
}

/// <summary>High-impact variant: after the BCM, the release's SRO approves the return too.</summary>
internal sealed class RequestSecondApproval(ApprovalRequester requester, ApprovalEmails emails) : IWorkflowAction
{
    public string Name => HandlerNames.RequestSecondApproval;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var a = await ReturnWorkflow.AssessmentAsync(c, ct);
        var sro = await c.Db.Releases.Where(r => r.Id == a.ReleaseId).Select(r => r.SroUserId).SingleAsync(ct);
        await requester.RequestAsync(c.Instance, new ApprovalAsk(ApprovalKind.AreaReturn, a.Id, a.ReleaseId, [sro], a.SubmittedByUserId, a.ContentHash(),
            await ReturnWorkflow.DueOnAsync(c.Db, a, ct), await emails.ForReturnAsync(a.Id, "give the second approval for this high-impact release", ct)), ct);
    }
}

/// <summary>
/// A wait state's timeout passed (the BCM did not decide in time): the BCM's links stop working and the release's SRO
/// is asked to decide instead.
/// </summary>
internal sealed class RequestEscalatedApproval(ApprovalRequester requester, ApprovalEmails emails) : IWorkflowAction
{
    public string Name => HandlerNames.RequestEscalatedApproval;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var a = await ReturnWorkflow.AssessmentAsync(c, ct);
        await requester.CloseOpenAsync(c.Instance, ApprovalStatus.Revoked, "Not decided in time: escalated to the SRO", except: null, ct);
        var sro = await c.Db.Releases.Where(r => r.Id == a.ReleaseId).Select(r => r.SroUserId).SingleAsync(ct);
        await requester.RequestAsync(c.Instance, new ApprovalAsk(ApprovalKind.AreaReturn, a.Id, a.ReleaseId, [sro], a.SubmittedByUserId, a.ContentHash(),
            await ReturnWorkflow.DueOnAsync(c.Db, a, ct), await emails.ForReturnAsync(a.Id, "decide it as the release's SRO: its BCM did not decide in time", ct)), ct);
    }
}

internal sealed class MarkReturnReturned(Common.ReadinessClock clock) : IWorkflowAction
{
    public string Name => HandlerNames.MarkReturnReturned;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct) => (await ReturnWorkflow.AssessmentAsync(c, ct)).MarkReturned(clock.UtcNow);
}

internal sealed class MarkReturnApproved : IWorkflowAction
{
    public string Name => HandlerNames.MarkReturnApproved;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        // The decision the trigger carries says whether conditions came with it; a variant definition's state name is only a fallback.
        var withConditions = c.Trigger.PayloadAs<DecisionPayload>() is { } d
            ? Decisions.HasConditions(d.Input.Decision)
            : c.Instance.State.Contains("Conditions", StringComparison.Ordinal);
        (await ReturnWorkflow.AssessmentAsync(c, ct)).MarkApproved(withConditions);
    }
}

/// <summary>Tells the area's team leads their return came back, with the BCM's comment.</summary>
internal sealed class NotifyReturned(Outbox outbox, ApprovalSettings settings) : IWorkflowAction
{
    public string Name => HandlerNames.NotifyReturned;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var a = await ReturnWorkflow.AssessmentAsync(c, ct);
        var release = await c.Db.Releases.SingleAsync(r => r.Id == a.ReleaseId, ct);
        var area = await c.Db.BusinessAreas.SingleAsync(x => x.Id == a.BusinessAreaId, ct);
        var by = await c.Db.Users.Where(u => u.Id == c.Trigger.ActorUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "The BCM";
        var leads = await (from m in c.Db.AreaMemberships
                           join u in c.Db.Users on m.UserId equals u.Id
                           where m.BusinessAreaId == a.BusinessAreaId && m.Role == AreaRole.TeamLead
                           select new { u.Email, u.DisplayName }).ToListAsync(ct);
        var due = await ReturnWorkflow.DueOnAsync(c.Db, a, ct);
        foreach (var lead in leads)
            outbox.Enqueue(new Email("Returned", lead.Email!, lead.DisplayName,
                $"Returned: {release.Code} {area.Name} readiness return – resubmit by {ApprovalEmails.Day(due)}",
                $"{by} returned the {area.Name} return for {release.Name}. Please make the changes and submit it again.",
                [("BCM comment", c.Trigger.Comment), ("Due", ApprovalEmails.Day(due))], [],
                "Open the return", settings.Link($"/Assessments/Edit/{a.Id}")));
    }
}

/// <summary>
/// When a return is approved, asks the release's go / no-go gate to move on: the trigger is queued and fired after this
/// transition (the gate's guard decides whether every area is approved yet). The gate's workflow starts, showing it as
/// collecting returns, with the first approval.
/// </summary>
internal sealed class CheckGateReady(WorkflowCatalog catalog) : IWorkflowAction
{
    public string Name => HandlerNames.CheckGateReady;

    public async Task RunAsync(WorkflowContext c, CancellationToken ct)
    {
        var releaseId = await c.Db.Assessments.Where(a => a.Id == c.Instance.SubjectId).Select(a => a.ReleaseId).SingleAsync(ct);
        var gate = await c.Db.Gates.FirstOrDefaultAsync(g => g.ReleaseId == releaseId && g.Kind == GateKind.GoNoGo, ct);
        if (gate is not null) c.Raise(SubjectKinds.Gate, gate.Id, GateTriggers.AllReturnsApproved, catalog.DefinitionIdFor(gate));
    }
}

public static class GateTriggers
{
    public const string AllReturnsApproved = "allReturnsApproved";
}
