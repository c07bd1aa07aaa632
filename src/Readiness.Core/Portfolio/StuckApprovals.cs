using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>A reminder digest that included the request: to whom, on which day, and at which escalation level.</summary>
public sealed record ReminderEntry(DateOnly Day, string Recipient, int Level)
{
    public string Words => Level switch
    {
        0 => "Reminder",
        1 => "Escalated to the BCM",
        _ => "Escalated to the SRO",
    };
}

public sealed record StuckRequest(int Id, ApprovalKind Kind, string ReleaseCode, string ReleaseName, string Subject, string? OnBehalfOf,
    DateOnly WaitingSince, int DaysWaiting, DateOnly DueOn, bool Overdue, IReadOnlyList<ReminderEntry> Reminders);

public sealed record ApproverWaiting(string UserId, string Name, string Email, IReadOnlyList<StuckRequest> Requests)
{
    public int OldestDays => Requests.Max(r => r.DaysWaiting);
}

public sealed record ResendSummary(int Sent, int Skipped);

/// <summary>
/// Pending decisions by approver and age, with their reminder history, and the PMO's bulk re-send of links
/// (each old link revoked, a fresh one emailed, every re-send audited).
/// </summary>
public sealed class StuckApprovals(ReadinessDbContext db, UnitOfWork unitOfWork, ApprovalRequester requester, ApprovalEmails emails, AuditLog audit, ReadinessClock clock)
{
    public const string ReminderItemKind = "Approval";

    public async Task<IReadOnlyList<ApproverWaiting>> ByApproverAsync(CancellationToken ct)
    {
        var today = clock.Today;
        var raw = await (from r in db.ApprovalRequests.AsNoTracking()
                         where r.Status == ApprovalStatus.Pending
                               && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending)
                         join rel in db.Releases on r.ReleaseId equals rel.Id
                         join u in db.Users on r.ApproverUserId equals u.Id
                         select new
                         {
                             r.Id, r.Kind, r.WorkflowInstanceId, r.SubjectId, r.ApproverUserId, ApproverName = u.DisplayName, ApproverEmail = u.Email, r.DueOn,
                             ReleaseCode = rel.Code, ReleaseName = rel.Name,
                             OnBehalfOf = db.Users.Where(x => x.Id == r.OnBehalfOfUserId).Select(x => x.DisplayName).FirstOrDefault(),
                             Area = (from a in db.Assessments join b in db.BusinessAreas on a.BusinessAreaId equals b.Id where a.Id == r.SubjectId select b.Name).FirstOrDefault(),
                             Gate = db.Gates.Where(g => g.Id == r.SubjectId).Select(g => g.Name).FirstOrDefault(),
                         }).ToListAsync(ct);
        // A re-sent link is a new request for the same decision and person: its history includes the earlier requests'.
        var instances = raw.Select(r => r.WorkflowInstanceId).Distinct().ToList();
        var related = await db.ApprovalRequests.AsNoTracking().Where(r => instances.Contains(r.WorkflowInstanceId))
            .Select(r => new { r.Id, r.WorkflowInstanceId, r.SubjectId, r.ApproverUserId, r.CreatedAtUtc }).ToListAsync(ct);
        var ids = related.Select(r => r.Id).ToList();
        var reminders = await (from l in db.ReminderLogs.AsNoTracking()
                               where l.ItemKind == ReminderItemKind && ids.Contains(l.ItemId)
                               join u in db.Users on l.RecipientUserId equals u.Id
                               orderby l.Day
                               select new { l.ItemId, l.Day, u.DisplayName, l.Level }).ToListAsync(ct);
        var earlier = related.GroupBy(x => (x.WorkflowInstanceId, x.SubjectId, x.ApproverUserId)).ToDictionary(g => g.Key, g => g.ToList());
        List<ReminderEntry> History(int instance, int subject, string approver)
        {
            var same = earlier[(instance, subject, approver)].Select(x => x.Id).ToHashSet();
            return reminders.Where(l => same.Contains(l.ItemId)).Select(l => new ReminderEntry(l.Day, l.DisplayName, l.Level)).ToList();
        }
        DateOnly Since(int instance, int subject, string approver) =>
            DateOnly.FromDateTime(clock.ToLocal(earlier[(instance, subject, approver)].Min(x => x.CreatedAtUtc)));

        return raw.GroupBy(r => r.ApproverUserId).Select(g => new ApproverWaiting(g.Key, g.First().ApproverName, g.First().ApproverEmail ?? "",
                g.Select(r =>
                {
                    var since = Since(r.WorkflowInstanceId, r.SubjectId, r.ApproverUserId); // a re-sent link keeps its age
                    var subject = r.Kind == ApprovalKind.AreaReturn ? $"{r.Area ?? "Area"} return" : $"{r.Gate ?? "Go / no-go"} (SRO decision)";
                    return new StuckRequest(r.Id, r.Kind, r.ReleaseCode, r.ReleaseName, subject, r.OnBehalfOf, since,
                        Math.Max(0, today.DayNumber - since.DayNumber), r.DueOn, r.DueOn < today, History(r.WorkflowInstanceId, r.SubjectId, r.ApproverUserId));
                }).OrderByDescending(r => r.DaysWaiting).ThenBy(r => r.Id).ToList()))
            .OrderByDescending(q => q.OldestDays).ThenBy(q => q.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Re-sends the links of the chosen requests that are still waiting; the others are counted as skipped.</summary>
    public async Task<Result<ResendSummary>> ResendAsync(Actor actor, IReadOnlyCollection<int> requestIds, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden("Only the PMO re-sends approval links.");
        if (requestIds.Count == 0) return Result<ResendSummary>.Fail(FailureKind.Invalid, "Select at least one request to re-send.");
        return await unitOfWork.RunAsync(async c =>
        {
            var now = clock.UtcNow;
            // Only requests still waiting, and not already being replaced by a re-send whose email is on its way.
            var pending = await db.ApprovalRequests.Where(r => requestIds.Contains(r.Id) && r.Status == ApprovalStatus.Pending
                && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending)).ToListAsync(c);
            foreach (var request in pending)
            {
                var compose = request.Kind == ApprovalKind.AreaReturn
                    ? await emails.ForReturnAsync(request.SubjectId, "review it (this link replaces any earlier one, which stops working once this email has arrived)", c)
                    : await emails.ForGoLiveAsync(request.SubjectId, c);
                var replacement = await requester.ResendAsync(request, compose, c);
                audit.Append(() => new AuditRecord(now, actor.UserId, null, "approval.resent", AuditQueries.ApprovalRequestSubject,
                    request.Id.ToString(CultureInfo.InvariantCulture), AuditChannel.Web, origin.IpAddress, origin.UserAgent,
                    $"Link re-sent by the PMO: request #{request.Id} is replaced by #{replacement.Id}, and stops working once the new link has been delivered"));
            }
            return Result<ResendSummary>.Ok(new ResendSummary(pending.Count, requestIds.Count - pending.Count));
        }, ct);
    }
}
