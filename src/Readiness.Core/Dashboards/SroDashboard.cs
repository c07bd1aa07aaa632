using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Dashboards;

/// <summary>Returns submitted and approved by each day up to today: the release's burn-up towards <see cref="Total"/>.</summary>
public sealed record BurnUp(IReadOnlyList<DateOnly> Days, IReadOnlyList<int> Submitted, IReadOnlyList<int> Approved, int Total);

/// <summary>One of the SRO's releases: how ready it is, what is open, and whether their go / no-go decision is waiting.</summary>
public sealed record SroRelease(
    string Code, string Name, DateOnly GoLive, ReleaseStatus Status, int Returns, int Submitted, int Approved, Rag? WorstRag,
    int OpenConditions, int BlockingConditions, int? PendingDecisionId, BurnUp BurnUp);

public sealed record SroSection(IReadOnlyList<SroRelease> Releases);

/// <summary>
/// The SRO's releases (not closed), soonest go-live first. Four queries whatever the number of releases: the releases,
/// their returns, the approvals of those returns, and the open conditions and pending go / no-go requests.
/// </summary>
public sealed class SroDashboard(ReadinessDbContext db, ReadinessClock clock)
{
    /// <summary>The burn-up starts this many days before today (or at the first submission, if later).</summary>
    public const int BurnUpDays = 28;

    public async Task<SroSection> ForAsync(string userId, CancellationToken ct)
    {
        var releases = await db.Releases.AsNoTracking().Where(r => r.SroUserId == userId && r.Status != ReleaseStatus.Closed)
            .OrderBy(r => r.GoLive).Select(r => new { r.Id, r.Code, r.Name, r.GoLive, r.Status }).ToListAsync(ct);
        var ids = releases.Select(r => r.Id).ToList();
        var returns = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.ReleaseId))
            .Select(a => new { a.Id, a.ReleaseId, a.Status, a.Rag, a.SubmittedAtUtc }).ToListAsync(ct);
        var approvedAt = await db.ApprovalRequests.AsNoTracking()
            .Where(r => ids.Contains(r.ReleaseId) && r.Kind == ApprovalKind.AreaReturn && r.Status == ApprovalStatus.Decided
                && (r.Decision == Decision.Approve || r.Decision == Decision.ApproveWithConditions))
            .Select(r => new { r.SubjectId, r.DecidedAtUtc }).ToListAsync(ct);
        var conditions = await db.ApprovalConditions.AsNoTracking().Where(c => ids.Contains(c.ReleaseId) && c.MetAtUtc == null)
            .Select(c => new { c.ReleaseId, c.DueOffsetDays }).ToListAsync(ct);
        var pending = await db.ApprovalRequests.AsNoTracking()
            .Where(r => ids.Contains(r.ReleaseId) && r.Kind == ApprovalKind.GoLive && r.Status == ApprovalStatus.Pending && r.ApproverUserId == userId)
            .Select(r => new { r.ReleaseId, r.Id }).ToListAsync(ct);

        var today = clock.Today;
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));
        var approvedBySubject = approvedAt.Where(x => x.DecidedAtUtc is not null).ToLookup(x => x.SubjectId, x => x.DecidedAtUtc!.Value);
        return new SroSection(releases.Select(r =>
        {
            var mine = returns.Where(a => a.ReleaseId == r.Id).ToList();
            var activity = ReturnActivity.Of(mine.Select(a => (a.Id, a.Status, a.SubmittedAtUtc)).ToList(), approvedBySubject, Day, today);
            var (submittedDays, approvedDays) = (activity.SubmittedDays, activity.ApprovedDays);
            var open = conditions.Where(c => c.ReleaseId == r.Id).ToList();
            Rag? worst = mine.Count == 0 || mine.Any(a => a.Rag is null) ? null : mine.Min(a => a.Rag);
            return new SroRelease(r.Code, r.Name, r.GoLive, r.Status, mine.Count, submittedDays.Count, approvedDays.Count, worst,
                open.Count, open.Count(c => c.DueOffsetDays < 0), pending.FirstOrDefault(p => p.ReleaseId == r.Id)?.Id,
                BurnUpOf(submittedDays, approvedDays, mine.Count, today));
        }).ToList());
    }

    /// <summary>Cumulative counts per day from <see cref="BurnUpDays"/> before today (or the first submission, if later) to today.</summary>
    public static BurnUp BurnUpOf(IReadOnlyList<DateOnly> submitted, IReadOnlyList<DateOnly> approved, int total, DateOnly today)
    {
        var earliest = submitted.Concat(approved).DefaultIfEmpty(today).Min();
        var start = earliest > today.AddDays(-BurnUpDays) ? earliest : today.AddDays(-BurnUpDays);
        var days = new List<DateOnly>();
        for (var d = start; d <= today; d = d.AddDays(1)) days.Add(d);
        return new BurnUp(days, days.Select(d => submitted.Count(s => s <= d)).ToList(), days.Select(d => approved.Count(a => a <= d)).ToList(), total);
    }
}
