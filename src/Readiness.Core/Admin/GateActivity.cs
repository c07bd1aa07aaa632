using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;
using Readiness.Core.Workflows;

namespace Readiness.Core.Admin;

/// <summary>A return of a gate that nobody has touched: it can go with the gate (it holds no one's work).</summary>
public sealed record UntouchedReturn(int Id, string AreaName);

/// <summary>
/// What has started on a gate, which decides whether the PMO may still change its kind or remove it. Started means
/// someone's work or a decision hangs on the gate: a return submitted (or returned, or approved), a draft with answers,
/// a workflow instance or an approval request for the gate or one of its returns. For the go / no-go gate the
/// release's submitted readiness returns count too: that gate is decided on them, and the tracker shows them on it.
/// A return still NotStarted with no answers and never saved is not work; it can be removed or recreated freely
/// (as removing an impact already does), so it does not count.
/// </summary>
public sealed record GateActivity(
    int SubmittedReturns, IReadOnlyList<string> AnsweredDrafts, int Workflows, int ApprovalRequests, int ReleaseSubmittedReturns,
    IReadOnlyList<UntouchedReturn> Untouched)
{
    private static readonly AssessmentStatus[] SubmittedStatuses =
        [AssessmentStatus.Submitted, AssessmentStatus.Returned, AssessmentStatus.Approved, AssessmentStatus.ApprovedWithConditions];

    public bool Started => SubmittedReturns + AnsweredDrafts.Count + Workflows + ApprovalRequests + ReleaseSubmittedReturns > 0;

    public static async Task<GateActivity> OfAsync(ReadinessDbContext db, Gate gate, CancellationToken ct)
    {
        var returns = await (from a in db.Assessments
                             join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                             where a.GateId == gate.Id
                             select new { a.Id, a.Status, a.LastSavedAtUtc, a.LastSavedByUserId, Area = area.Name, Answers = a.Answers.Count }).ToListAsync(ct);
        var untouched = returns.Where(r => r.Status == AssessmentStatus.NotStarted && r.Answers == 0 && r.LastSavedAtUtc is null).ToList();
        var drafts = returns.Where(r => !untouched.Contains(r) && !SubmittedStatuses.Contains(r.Status)).ToList();
        var savers = drafts.Select(d => d.LastSavedByUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => savers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var ids = returns.Select(r => r.Id).ToList();
        var workflows = await db.WorkflowInstances.CountAsync(i =>
            (i.SubjectKind == SubjectKinds.Gate && i.SubjectId == gate.Id) || (i.SubjectKind == SubjectKinds.AreaReturn && ids.Contains(i.SubjectId)), ct);
        var approvals = await db.ApprovalRequests.CountAsync(r =>
            (r.Kind == ApprovalKind.GoLive && r.SubjectId == gate.Id) || (r.Kind == ApprovalKind.AreaReturn && ids.Contains(r.SubjectId)), ct);
        var releaseSubmitted = gate.Kind != GateKind.GoNoGo ? 0 : await (from a in db.Assessments
                                                                         join g in db.Gates on a.GateId equals g.Id
                                                                         where a.ReleaseId == gate.ReleaseId && g.Kind == GateKind.Readiness && SubmittedStatuses.Contains(a.Status)
                                                                         select a.Id).CountAsync(ct);
        return new GateActivity(
            returns.Count(r => SubmittedStatuses.Contains(r.Status)),
            drafts.OrderBy(d => d.Area, StringComparer.Ordinal)
                .Select(d => d.LastSavedByUserId is { } u && names.TryGetValue(u, out var n) ? $"{d.Area}, last saved by {n}" : d.Area).ToList(),
            workflows, approvals, releaseSubmitted,
            untouched.OrderBy(r => r.Area, StringComparer.Ordinal).Select(r => new UntouchedReturn(r.Id, r.Area)).ToList());
    }

    /// <summary>
    /// Why the gate cannot be changed, naming what has started and what to do instead, e.g. "CONNECT-P1 Business
    /// readiness gate already has 3 submitted returns; its kind cannot change. Add a new gate instead."
    /// </summary>
    public string Refusal(string releaseCode, Gate gate, string consequence)
    {
        var parts = new List<string>();
        if (SubmittedReturns > 0) parts.Add(Count(SubmittedReturns, "submitted return"));
        if (AnsweredDrafts.Count > 0) parts.Add($"{Count(AnsweredDrafts.Count, "draft return")} with answers ({string.Join("; ", AnsweredDrafts)})");
        if (ReleaseSubmittedReturns > 0) parts.Add($"{Count(ReleaseSubmittedReturns, "submitted readiness return")} to decide on");
        if (ApprovalRequests > 0) parts.Add(Count(ApprovalRequests, "approval request"));
        if (Workflows > 0) parts.Add(Count(Workflows, "workflow") + " started");
        var what = parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
        return $"{releaseCode} {gate.Name} gate already has {what}; {consequence}";
    }

    /// <summary>Removes untouched returns and the reminder log lines that point at them (by id, no foreign key), so nothing is left orphaned.</summary>
    public async Task<int> RemoveUntouchedAsync(ReadinessDbContext db, CancellationToken ct)
    {
        if (Untouched.Count == 0) return 0;
        var ids = Untouched.Select(r => r.Id).ToList();
        db.ReminderLogs.RemoveRange(await db.ReminderLogs.Where(l => l.ItemKind == ReminderSweep.ReturnItem && ids.Contains(l.ItemId)).ToListAsync(ct));
        db.Assessments.RemoveRange(await db.Assessments.Where(a => ids.Contains(a.Id)).ToListAsync(ct));
        return ids.Count;
    }

    public string UntouchedWords => Untouched.Count == 0 ? "no returns" : $"{Count(Untouched.Count, "untouched return")} ({string.Join(", ", Untouched.Select(r => r.AreaName))})";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
