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

/// <summary>One approver's line of the summary: how many decisions wait with them, the oldest, and how many are overdue.</summary>
public sealed record ApproverSummary(string UserId, string Name, string Email, int Waiting, int OldestDays, int Overdue);

/// <summary>A page of the summary by approver (longest-waiting first), with the totals over every approver.</summary>
public sealed record StuckSummary(IReadOnlyList<ApproverSummary> Approvers, int Page, int PageSize, int TotalApprovers, int TotalWaiting)
{
    public int Pages => Math.Max(1, (TotalApprovers + PageSize - 1) / PageSize);
}

/// <summary>
/// What a bulk re-send did: links re-sent, requests no longer waiting (skipped), and — when a chunk could not be saved —
/// why it stopped and how many chosen requests were not tried (they are still waiting, and can be chosen again).
/// </summary>
public sealed record ResendSummary(int Sent, int Skipped, string? StoppedBecause = null, int NotTried = 0);

/// <summary>
/// Pending decisions by approver and age, with their reminder history, and the PMO's bulk re-send of links
/// (each old link revoked, a fresh one emailed, every re-send audited).
/// </summary>
public sealed class StuckApprovals(ReadinessDbContext db, UnitOfWork unitOfWork, ApprovalRequester requester, ApprovalEmails emails, AuditLog audit, ReadinessClock clock)
{
    public const string ReminderItemKind = "Approval";
    public const int PageSize = 25;

    /// <summary>Links re-sent per unit of work: each chunk commits in well under a second, so nobody waits on the write lock.</summary>
    public const int ResendChunk = 20;

    /// <summary>Requests still waiting: pending, and not already being replaced by a re-sent link on its way.</summary>
    private IQueryable<ApprovalRequest> Waiting() => db.ApprovalRequests.AsNoTracking().Where(r => r.Status == ApprovalStatus.Pending
        && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending));

    /// <summary>
    /// Who is holding decisions up, one line per approver, counted in SQL: a request's age runs from the first link
    /// of its decision (a re-sent link keeps the age of the one it replaced).
    /// </summary>
    public async Task<StuckSummary> SummaryAsync(int page, CancellationToken ct)
    {
        var today = clock.Today;
        var grouped = from r in Waiting()
                      join o in db.ApprovalRequests on new { r.WorkflowInstanceId, r.SubjectId, r.ApproverUserId } equals new { o.WorkflowInstanceId, o.SubjectId, o.ApproverUserId }
                      group new { r.Id, r.DueOn, o.CreatedAtUtc } by r.ApproverUserId into g
                      select new { UserId = g.Key, Waiting = g.Select(x => x.Id).Distinct().Count(), Since = g.Min(x => x.CreatedAtUtc),
                          Overdue = g.Where(x => x.DueOn < today).Select(x => x.Id).Distinct().Count() };
        // One group of every approver's line (none when nobody waits): Single says so, where First asked for an order.
        var totals = await grouped.GroupBy(_ => 1).Select(g => new { Approvers = g.Count(), Waiting = g.Sum(x => x.Waiting) }).SingleOrDefaultAsync(ct);
        var pages = Math.Max(1, ((totals?.Approvers ?? 0) + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await (from x in grouped
                          join u in db.Users on x.UserId equals u.Id
                          orderby x.Since, u.DisplayName
                          select new { x.UserId, u.DisplayName, u.Email, x.Waiting, x.Since, x.Overdue }).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new StuckSummary(rows.Select(x => new ApproverSummary(x.UserId, x.DisplayName, x.Email ?? "", x.Waiting,
            Math.Max(0, today.DayNumber - DateOnly.FromDateTime(clock.ToLocal(x.Since)).DayNumber), x.Overdue)).ToList(), page, PageSize, totals?.Approvers ?? 0, totals?.Waiting ?? 0);
    }

    /// <summary>How many decisions have waited at least each number of days (the dashboard's age buckets), counted in SQL.</summary>
    public async Task<(int Total, IReadOnlyDictionary<int, int> AtLeast)> AgesAsync(IReadOnlyList<int> days, CancellationToken ct)
    {
        var since = Waiting().Select(r => db.ApprovalRequests.Where(o => o.WorkflowInstanceId == r.WorkflowInstanceId && o.SubjectId == r.SubjectId && o.ApproverUserId == r.ApproverUserId)
            .Min(o => o.CreatedAtUtc));
        var total = await since.CountAsync(ct);
        var atLeast = new Dictionary<int, int>();
        foreach (var d in days)
        {
            // Waiting at least d days: the first link went out before the start of the day d - 1 days ago.
            var before = clock.StartOfDayUtc(clock.Today.AddDays(1 - d));
            atLeast[d] = await since.CountAsync(s => s < before, ct);
        }
        return (total, atLeast);
    }

    /// <summary>The decisions waiting with the given approvers, with their reminder history.</summary>
    public async Task<IReadOnlyList<ApproverWaiting>> ForApproversAsync(IReadOnlyCollection<string> approverIds, CancellationToken ct)
    {
        if (approverIds.Count == 0) return [];
        var today = clock.Today;
        var raw = await (from r in Waiting()
                         where approverIds.Contains(r.ApproverUserId)
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

    /// <summary>
    /// Re-sends the links of the chosen requests that are still waiting; the others are counted as skipped. The
    /// requests go in chunks of <see cref="ResendChunk"/>, each its own unit of work: a long selection never holds the
    /// write lock for long, and a chunk that fails leaves the ones before it re-sent and the rest still waiting, so
    /// choosing them again carries on where it stopped (a re-sent request is no longer offered).
    /// </summary>
    public async Task<Result<ResendSummary>> ResendAsync(Actor actor, IReadOnlyCollection<int> requestIds, RequestOrigin origin, CancellationToken ct,
        int chunkSize = ResendChunk)
    {
        if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden("Only the PMO re-sends approval links.");
        if (requestIds.Count == 0) return Result<ResendSummary>.Fail(FailureKind.Invalid, "Select at least one request to re-send.");
        var ids = requestIds.Distinct().Order().ToList();
        var sent = 0;
        var tried = 0;
        foreach (var chunk in ids.Chunk(chunkSize))
        {
            var result = await unitOfWork.RunAsync(c => ResendChunkAsync(actor, chunk, origin, c), ct);
            if (!result.Succeeded)
                return Result<ResendSummary>.Ok(new ResendSummary(sent, tried - sent, result.Failure!.Message, ids.Count - tried));
            sent += result.Value;
            tried += chunk.Length;
        }
        return Result<ResendSummary>.Ok(new ResendSummary(sent, ids.Count - sent));
    }

    private async Task<Result<int>> ResendChunkAsync(Actor actor, IReadOnlyCollection<int> requestIds, RequestOrigin origin, CancellationToken ct)
    {
        var now = clock.UtcNow;
        // Only requests still waiting, and not already being replaced by a re-send whose email is on its way.
        var pending = await db.ApprovalRequests.Where(r => requestIds.Contains(r.Id) && r.Status == ApprovalStatus.Pending
            && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending)).ToListAsync(ct);
        foreach (var request in pending)
        {
            var compose = request.Kind == ApprovalKind.AreaReturn
                ? await emails.ForReturnAsync(request.SubjectId, "review it (this link replaces any earlier one, which stops working once this email has arrived)", ct)
                : await emails.ForGoLiveAsync(request.SubjectId, ct);
            var replacement = await requester.ResendAsync(request, compose, ct);
            audit.Append(() => new AuditRecord(now, actor.UserId, null, "approval.resent", AuditQueries.ApprovalRequestSubject,
                request.Id.ToString(CultureInfo.InvariantCulture), AuditChannel.Web, origin.IpAddress, origin.UserAgent,
                $"Link re-sent by the PMO: request #{request.Id} is replaced by #{replacement.Id}, and stops working once the new link has been delivered"));
        }
        return Result<int>.Ok(pending.Count);
    }
}
