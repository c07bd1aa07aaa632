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
    public async Task<IReadOnlyDictionary<int, int>> CountsAsync(IReadOnlyCollection<int> gateIds, CancellationToken ct)
    {
        var gates = await db.Gates.AsNoTracking().Where(g => gateIds.Contains(g.Id)).Select(g => new { g.Id, g.Kind, g.ReleaseId }).ToListAsync(ct);
        var releaseIds = gates.Select(g => g.ReleaseId).Distinct().ToList();
        var counted = await (from a in db.Assessments
                             join g in db.Gates on a.GateId equals g.Id
                             where releaseIds.Contains(a.ReleaseId) && a.FailingCriteria > 0
                                   && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)
                             select new { a.GateId, a.ReleaseId, g.Kind, Count = a.FailingCriteria ?? 0 }).AsNoTracking().ToListAsync(ct);
        return gates.ToDictionary(g => g.Id, g => counted
            .Where(c => g.Kind == GateKind.GoNoGo ? c.ReleaseId == g.ReleaseId && c.Kind == GateKind.Readiness : c.GateId == g.Id)
            .Sum(c => c.Count));
    }
}
