using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
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
/// asks the submitter, issues a single-use token per request and queues each approver's email.
/// </summary>
public sealed class ApprovalRequester(ReadinessDbContext db, Outbox outbox, ApprovalSettings settings, ReadinessClock clock)
{
    public async Task<IReadOnlyList<ApprovalRequest>> RequestAsync(WorkflowInstance instance, ApprovalAsk ask, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var delegations = await db.Delegations.Where(d => ask.ApproverUserIds.Contains(d.FromUserId) && d.CancelledAtUtc == null).ToListAsync(ct);
        var created = new List<ApprovalRequest>();
        foreach (var (approver, onBehalfOf) in ask.ApproverUserIds.Distinct().Select(a => Delegation.Resolve(a, delegations, today)).Distinct())
        {
            if (approver == ask.SubmitterUserId) continue; // no self-approval, by construction
            created.Add(await IssueAsync(ask.Kind, instance.Id, ask.SubjectId, ask.ReleaseId, approver, onBehalfOf, ask.SubmitterUserId,
                ask.ContentHash, ask.DueOn, ask.ComposeEmail, ct));
        }
        if (created.Count == 0)
            db.Incidents.Add(new Incident("NoApprover", $"{ask.Kind} decision for workflow #{instance.Id}",
                "Nobody could be asked: no approver is assigned (or the only one is the submitter). Assign one and re-send.", now, instance.Id));
        return created;
    }

    /// <summary>Replaces a waiting request with one for another person: the old link is revoked, a new one is emailed.</summary>
    public Task<ApprovalRequest> ReassignAsync(ApprovalRequest request, string toUserId, string onBehalfOfUserId, Func<ApprovalRequest, string, string, Email> compose, CancellationToken ct) =>
        ReplaceAsync(request, toUserId, onBehalfOfUserId, "Reassigned to a delegate", compose, ct);

    /// <summary>
    /// Sends a waiting request's link again to the same person: the old link is revoked and a fresh one is emailed.
    /// Returns the replacement request.
    /// </summary>
    public Task<ApprovalRequest> ResendAsync(ApprovalRequest request, Func<ApprovalRequest, string, string, Email> compose, CancellationToken ct) =>
        ReplaceAsync(request, request.ApproverUserId, request.OnBehalfOfUserId, "Link re-sent", compose, ct);

    private Task<ApprovalRequest> ReplaceAsync(ApprovalRequest request, string approver, string? onBehalfOf, string reason, Func<ApprovalRequest, string, string, Email> compose, CancellationToken ct)
    {
        request.Close(ApprovalStatus.Revoked, reason, clock.UtcNow);
        return IssueAsync(request.Kind, request.WorkflowInstanceId, request.SubjectId, request.ReleaseId, approver, onBehalfOf, request.SubmitterUserId,
            request.ContentHash, request.DueOn, compose, ct);
    }

    /// <summary>One request, its single-use token (only the hash is kept) and the approver's email with the link.</summary>
    private async Task<ApprovalRequest> IssueAsync(ApprovalKind kind, int instanceId, int subjectId, int releaseId, string approver, string? onBehalfOf,
        string? submitter, string contentHash, DateOnly dueOn, Func<ApprovalRequest, string, string, Email> compose, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var (token, hash) = ApprovalTokens.Create();
        var request = new ApprovalRequest(kind, instanceId, subjectId, releaseId, approver, onBehalfOf, submitter, contentHash, hash, ExpiryFor(dueOn, now), dueOn, now);
        db.ApprovalRequests.Add(request);
        await db.SaveChangesAsync(ct); // the email link needs the request id
        var user = await db.Users.Where(u => u.Id == approver).Select(u => new { u.Email, u.DisplayName }).SingleAsync(ct);
        outbox.Enqueue(compose(request, settings.DecisionLink(request.Id, token), user.DisplayName) with { ToAddress = user.Email!, ToName = user.DisplayName });
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
    public async Task CloseOpenAsync(int instanceId, ApprovalStatus status, string reason, int? exceptRequestId, CancellationToken ct)
    {
        var open = await db.ApprovalRequests.Where(r => r.WorkflowInstanceId == instanceId && r.Status == ApprovalStatus.Pending && r.Id != exceptRequestId).ToListAsync(ct);
        foreach (var r in open) r.Close(status, reason, clock.UtcNow);
    }
}
