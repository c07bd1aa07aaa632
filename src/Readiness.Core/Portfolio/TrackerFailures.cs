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
        var counted = await FailuresOf.For(db)(db, releaseIds).ToListAsync(ct);
        var byGateId = counted.ToDictionary(c => c.GateId, c => c.Count);
        var readinessByRelease = counted.Where(c => c.Kind == GateKind.Readiness).GroupBy(c => c.ReleaseId).ToDictionary(r => r.Key, r => r.Sum(c => c.Count));
        return gates.DistinctBy(g => g.GateId).ToDictionary(g => g.GateId, g => g.Kind == GateKind.GoNoGo
            ? readinessByRelease.GetValueOrDefault(g.ReleaseId)
            : byGateId.GetValueOrDefault(g.GateId));
    }

    private sealed record GateFailures(int GateId, int ReleaseId, GateKind Kind, int Count);

    /// <summary>
    /// Summed per gate in SQL: one row per gate with failures, not one per return. Compiled once: every tracker page runs
    /// it, and building its LINQ afresh each time cost more than running it.
    /// </summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, List<int>, IAsyncEnumerable<GateFailures>>> FailuresOf = new(() => EF.CompileAsyncQuery(
        (ReadinessDbContext db, List<int> releaseIds) =>
            from a in db.Assessments.AsNoTracking()
            join g in db.Gates on a.GateId equals g.Id
            where releaseIds.Contains(a.ReleaseId) && a.FailingCriteria > 0
                  && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)
            group a by new { a.GateId, a.ReleaseId, g.Kind } into byGate
            select new GateFailures(byGate.Key.GateId, byGate.Key.ReleaseId, byGate.Key.Kind, byGate.Sum(a => a.FailingCriteria ?? 0))));
}

/// <summary>A gate as a list shows it: enough to count its failing criteria without reading it again.</summary>
public sealed record ShownGate(int GateId, GateKind Kind, int ReleaseId);
