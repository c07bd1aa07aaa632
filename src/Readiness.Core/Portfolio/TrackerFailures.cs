using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>
/// How many criteria are below their minimum pass in each gate's submitted returns (issue 10), for the tracker's page of
/// gates: one query over the gates shown, beside the tracker's own, from the counts recorded at submission. A go / no-go
/// gate counts its release's readiness returns, as the tracker shows their counts and RAG.
/// </summary>
public sealed class TrackerFailures(ReadinessDbContext db)
{
    /// <summary>The gates are given with their kind and release as the caller has read them (the tracker's rows): one query.</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountsAsync(IReadOnlyCollection<ShownGate> gates, CancellationToken ct)
    {
        if (gates.Count == 0) return new Dictionary<int, int>();
        var releaseIds = gates.Select(g => g.ReleaseId).Distinct().ToList();
        var counted = await (from a in db.Assessments
                             join g in db.Gates on a.GateId equals g.Id
                             where releaseIds.Contains(a.ReleaseId) && a.FailingCriteria > 0
                                   && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)
                             select new { a.GateId, a.ReleaseId, g.Kind, Count = a.FailingCriteria ?? 0 }).AsNoTracking().ToListAsync(ct);
        return gates.DistinctBy(g => g.GateId).ToDictionary(g => g.GateId, g => counted
            .Where(c => g.Kind == GateKind.GoNoGo ? c.ReleaseId == g.ReleaseId && c.Kind == GateKind.Readiness : c.GateId == g.GateId)
            .Sum(c => c.Count));
    }
}

/// <summary>A gate as a list shows it: enough to count its failing criteria without reading it again.</summary>
public sealed record ShownGate(int GateId, GateKind Kind, int ReleaseId);
