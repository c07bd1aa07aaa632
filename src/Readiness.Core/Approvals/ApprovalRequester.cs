using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Reminders;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>What is being asked, for the request rows and their emails.</summary>
public sealed record ApprovalAsk(
    ApprovalKind Kind,
    int SubjectId,
    int ReleaseId,
    IReadOnlyList<string> ApproverUserIds,
    string? SubmitterUserId,
    string ContentHash,
    DateOnly DueOn,
    Func<ApprovalRequest, string, string, Email> ComposeEmail);

/// <summary>
/// Creates approval requests inside the trigger's unit of work: resolves delegation (once, non-cascading), never
/// asks the submitter, issues a single-use token per request and queues each approver's email. Nothing here saves:
/// the token alone finds its request, so the link is written before the request has an id.
/// </summary>
public sealed class ApprovalRequester(ReadinessDbContext db, Outbox outbox, ApprovalSettings settings, ReadinessClock clock, WorkingCalendar calendar)
{
    public const string NoApproverIncident = "NoApprover";

    public async Task<IReadOnlyList<ApprovalRequest>> RequestAsync(WorkflowInstance instance, ApprovalAsk ask, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var delegations = await db.Delegations.Where(d => ask.ApproverUserIds.Contains(d.FromUserId) && d.CancelledAtUtc == null).ToListAsync(ct);
        var dueOn = DecisionDueOn(ask.DueOn);
        var created = new List<ApprovalRequest>();
        foreach (var (approver, onBehalfOf) in ask.ApproverUserIds.Distinct().Select(a => Delegation.Resolve(a, delegations, today)).Distinct())
        {
            if (approver == ask.SubmitterUserId) continue; // no self-approval, by construction
            created.Add(await IssueAsync(ask.Kind, instance, ask.SubjectId, ask.ReleaseId, approver, onBehalfOf, ask.SubmitterUserId,
                ask.ContentHash, dueOn, ask.ComposeEmail, replaces: null, ct));
        }
        if (created.Count == 0)
            db.Incidents.Add(new Incident(NoApproverIncident, $"{ask.Kind} decision for workflow {instance.DefinitionId} on {instance.SubjectKind} {instance.SubjectId}",
                "Nobody could be asked: no approver is assigned (or the only one is the submitter). Assign one, then retry this incident.", now, instance)
                .RetriesAction(instance.State));
        return created;
    }

    /// <summary>
    /// The gate's due day, but never less than the minimum window from today: a return submitted late still gives its
    /// approver time to read it instead of arriving overdue and escalating at once.
    /// </summary>
    public DateOnly DecisionDueOn(DateOnly gateDueOn)
    {
        var earliest = calendar.AddWorkingDays(clock.Today, settings.MinimumDecisionWorkingDays);
        return gateDueOn < earliest ? earliest : gateDueOn;
    }

    /// <summary>Replaces a waiting request with one for another person: the old link is revoked at once, a new one is emailed.</summary>
    public async Task<ApprovalRequest> ReassignAsync(ApprovalRequest request, string toUserId, string onBehalfOfUserId, Func<ApprovalRequest, string, string, Email> compose, CancellationToken ct)
    {
        request.Close(ApprovalStatus.Revoked, "Reassigned to a delegate", clock.UtcNow);
        return await IssueAsync(request.Kind, await InstanceOfAsync(request, ct), request.SubjectId, request.ReleaseId, toUserId, onBehalfOfUserId, request.SubmitterUserId,
            request.ContentHash, request.DueOn, compose, replaces: null, ct);
    }

    /// <summary>
    /// Sends a waiting request's link again to the same person. The old link keeps working until the new email has been
    /// delivered (the outbox closes it then): re-sending during a mail outage must not leave the approver with no link.
    /// Returns the replacement request.
    /// </summary>
    public async Task<ApprovalRequest> ResendAsync(ApprovalRequest request, Func<ApprovalRequest, string, string, Email> compose, CancellationToken ct) =>
        await IssueAsync(request.Kind, await InstanceOfAsync(request, ct), request.SubjectId, request.ReleaseId, request.ApproverUserId, request.OnBehalfOfUserId,
            request.SubmitterUserId, request.ContentHash, request.DueOn, compose, replaces: request, ct);

    private async Task<WorkflowInstance> InstanceOfAsync(ApprovalRequest request, CancellationToken ct) =>
        request.WorkflowInstance ?? await db.WorkflowInstances.SingleAsync(i => i.Id == request.WorkflowInstanceId, ct);

    /// <summary>One request, its single-use token (only the hash is kept) and the approver's email with the link.</summary>
    private async Task<ApprovalRequest> IssueAsync(ApprovalKind kind, WorkflowInstance instance, int subjectId, int releaseId, string approver, string? onBehalfOf,
        string? submitter, string contentHash, DateOnly dueOn, Func<ApprovalRequest, string, string, Email> compose, ApprovalRequest? replaces, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var (token, hash) = ApprovalTokens.Create();
        var request = new ApprovalRequest(kind, instance, subjectId, releaseId, approver, onBehalfOf, submitter, contentHash, hash, ExpiryFor(dueOn, now), dueOn, now, replaces);
        db.ApprovalRequests.Add(request);
        var user = await db.Users.Where(u => u.Id == approver).Select(u => new { u.Email, u.DisplayName }).SingleAsync(ct);
        outbox.Enqueue(compose(request, settings.DecisionLink(token), user.DisplayName) with { ToAddress = user.Email!, ToName = user.DisplayName })
            .Carries(request);
        return request;
    }

    /// <summary>
    /// Default lifetime, but never past the end of the due day. When the due day has already passed the link still
    /// gets the default lifetime: a late decision is better than none, and the gate is already flagged overdue.
    /// </summary>
    private DateTime ExpiryFor(DateOnly dueOn, DateTime now)
    {
        var standard = now + settings.TokenLifetime;
        var endOfDueDay = TimeZoneInfo.ConvertTimeToUtc(dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.Zone);
        return endOfDueDay > now.AddHours(1) && endOfDueDay < standard ? endOfDueDay : standard;
    }

    /// <summary>Closes every pending request of an instance: another approver decided, or the subject was withdrawn.</summary>
    public async Task CloseOpenAsync(WorkflowInstance instance, ApprovalStatus status, string reason, ApprovalRequest? except, CancellationToken ct)
    {
        var open = instance.Id == 0 ? [] : await db.ApprovalRequests.Where(r => r.WorkflowInstanceId == instance.Id && r.Status == ApprovalStatus.Pending).ToListAsync(ct);
        foreach (var r in open.Concat(db.ApprovalRequests.Local.Where(r => ReferenceEquals(r.WorkflowInstance, instance) && r.IsPending)).Distinct())
            if (!ReferenceEquals(r, except)) r.Close(status, reason, clock.UtcNow);
    }
}
