using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Tests;

/// <summary>
/// The tracker's figures recomputed from scratch the way the tracker computed them before it had a read model (correlated
/// counts over every return of every gate). An independent oracle: the read model must agree with it after every change.
/// </summary>
internal static class GateSummaryOracle
{
    public sealed record Expected(int GateId, int ReleaseId, string ReleaseCode, GateKind Kind, int OffsetDays, DateOnly DueOn, int Impacted, int Returns,
        int Submitted, int Approved, int Failing, int Dependencies, Rag? Rag, Decision? Decision, Dca? Dca, bool Complete);

    public static async Task<List<Expected>> ComputeAsync(ReadinessDbContext db)
    {
        var raw = await db.Gates.AsNoTracking().Select(g => new
        {
            g.Id, g.ReleaseId, g.Release!.Code, g.Release.GoLive, ReleaseStatus = g.Release.Status, g.Kind, g.DueOffsetDays,
            Impacted = g.Release.Impacts.Count,
            Submitted = db.Assessments.Count(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)),
            Approved = db.Assessments.Count(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && (a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)),
            Returns = db.Assessments.Count(a => a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)),
            // As the tracker counted them per page before the read model kept them: a go / no-go gate sums its release's readiness returns.
            Failing = db.Assessments.Where(a => (g.Kind == GateKind.GoNoGo
                    ? a.ReleaseId == g.ReleaseId && db.Gates.Any(r => r.Id == a.GateId && r.Kind == GateKind.Readiness)
                    : a.GateId == g.Id)
                && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions))
                .Sum(a => a.FailingCriteria ?? 0),
            Dependencies = db.ReleaseDependencies.Count(d => d.ReleaseId == g.ReleaseId),
            AnyRed = db.Assessments.Any(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && a.Rag == Rag.Red),
            AnyAmber = db.Assessments.Any(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && a.Rag == Rag.Amber),
            AnyGreen = db.Assessments.Any(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && a.Rag == Rag.Green),
        }).ToListAsync();
        var decided = await db.ApprovalRequests.AsNoTracking().Where(r => r.Kind == ApprovalKind.GoLive && r.Status == ApprovalStatus.Decided)
            .Select(r => new { r.Id, r.ReleaseId, r.Decision, r.Dca, r.DecidedAtUtc }).ToListAsync();
        return raw.Select(r =>
        {
            var go = decided.Where(d => d.ReleaseId == r.ReleaseId).OrderByDescending(d => d.DecidedAtUtc).ThenByDescending(d => d.Id).FirstOrDefault();
            var went = go?.Decision is Decision.Go or Decision.GoWithConditions;
            var complete = r.ReleaseStatus is ReleaseStatus.Closed || (r.ReleaseStatus is ReleaseStatus.Live && r.Kind != GateKind.PostGoLiveReview) || r.Kind switch
            {
                GateKind.Readiness => r.Returns > 0 && r.Approved == r.Returns,
                GateKind.GoNoGo => went,
                _ => false,
            };
            return new Expected(r.Id, r.ReleaseId, r.Code, r.Kind, r.DueOffsetDays, r.GoLive.AddDays(r.DueOffsetDays), r.Impacted, r.Returns, r.Submitted, r.Approved, r.Failing,
                r.Dependencies, r.AnyRed ? Rag.Red : r.AnyAmber ? Rag.Amber : r.AnyGreen ? Rag.Green : null, go?.Decision, go?.Dca, complete);
        }).OrderBy(e => e.GateId).ToList();
    }

    /// <summary>The read model as stored, in the oracle's shape.</summary>
    public static async Task<List<Expected>> StoredAsync(ReadinessDbContext db) =>
        (await db.GateSummaries.AsNoTracking().OrderBy(s => s.GateId).ToListAsync())
        .Select(s => new Expected(s.GateId, s.ReleaseId, s.ReleaseCode, s.Kind, s.OffsetDays, s.DueOn, s.ImpactedAreas, s.Returns, s.Submitted, s.Approved, s.FailingCriteria,
            s.Dependencies, s.WorstRag, s.GoDecision, s.GoDca, s.Complete)).ToList();
}

/// <summary>
/// My work's read model (<see cref="ReturnSummary"/>) recomputed from the returns as loaded entities, with each gate's
/// due date taken from its release's go-live and its own offset: the read model must agree after every change.
/// </summary>
internal static class ReturnSummaryOracle
{
    public sealed record Expected(int AssessmentId, int ReleaseId, int BusinessAreaId, bool Review, AssessmentStatus Status, DateTime? SubmittedAtUtc, DateOnly DueOn);

    public static async Task<List<Expected>> ComputeAsync(ReadinessDbContext db)
    {
        var gates = await db.Gates.AsNoTracking().Include(g => g.Release).ToDictionaryAsync(g => g.Id);
        return (await db.Assessments.AsNoTracking().ToListAsync())
            .Select(a => (Return: a, Gate: gates[a.GateId]))
            .Select(x => new Expected(x.Return.Id, x.Return.ReleaseId, x.Return.BusinessAreaId, x.Gate.Kind == GateKind.PostGoLiveReview, x.Return.Status,
                x.Return.SubmittedAtUtc, x.Gate.Release!.GoLive.AddDays(x.Gate.DueOffsetDays)))
            .OrderBy(e => e.AssessmentId).ToList();
    }

    /// <summary>The areas' counts of returns by review flag and status (<see cref="ReturnCount"/>) as the returns give them.</summary>
    public static List<(int Area, bool Review, AssessmentStatus Status, int Count)> Counts(IEnumerable<Expected> returns) =>
        [.. returns.GroupBy(e => (e.BusinessAreaId, e.Review, e.Status)).Select(g => (g.Key.BusinessAreaId, g.Key.Review, g.Key.Status, g.Count())).Order()];

    /// <summary>The stored counts, without the rows left at 0.</summary>
    public static async Task<List<(int Area, bool Review, AssessmentStatus Status, int Count)>> StoredCountsAsync(ReadinessDbContext db) =>
        [.. (await db.ReturnCounts.AsNoTracking().Where(c => c.Count != 0).ToListAsync()).Select(c => (c.BusinessAreaId, c.Review, c.Status, c.Count)).Order()];

    public static async Task<List<Expected>> StoredAsync(ReadinessDbContext db) =>
        (await db.ReturnSummaries.AsNoTracking().OrderBy(s => s.AssessmentId).ToListAsync())
        .Select(s => new Expected(s.AssessmentId, s.ReleaseId, s.BusinessAreaId, s.Review, s.Status, s.SubmittedAtUtc, s.DueOn)).ToList();
}
