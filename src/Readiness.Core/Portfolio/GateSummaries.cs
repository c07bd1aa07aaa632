using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>
/// Keeps <see cref="GateSummary"/> rows right. Rather than trusting every use case to remember the tracker, the
/// context's save (<see cref="ReadinessDbContext.SaveChangesAsync(bool, CancellationToken)"/>) asks <see cref="Collect"/>
/// which releases the pending changes touch and, once they are flushed, recomputes those releases' gates in the same
/// transaction — so every writer is covered, today's and tomorrow's: a return created, saved with a new RAG, submitted,
/// approved, returned or removed with its impact; a go / no-go decided; a gate added, moved or removed; a dependency
/// added or removed; T0 moved or the release's status changed (admin, go-live, seeding, tests writing rows directly). A release is the unit: its go / no-go
/// gate counts all of its returns and its decision applies to it, and it has a handful of gates and a few dozen returns.
/// </summary>
public static class GateSummaries
{
    /// <summary>What the pending changes alter in the read model: changes that cannot move a count, RAG, decision or date are skipped.</summary>
    public static TouchedReleases Collect(IEnumerable<EntityEntry> changed)
    {
        var touched = new TouchedReleases();
        foreach (var e in changed)
        {
            switch (e.Entity)
            {
                case Assessment a when e.State != EntityState.Modified || TouchedReleases.Changed(e, nameof(Assessment.Status), nameof(Assessment.Rag), nameof(Assessment.GateId), nameof(Assessment.FailingCriteria)):
                    touched.Note(e, a, x => x.ReleaseId);
                    break;
                case Gate g when e.State != EntityState.Modified || TouchedReleases.Changed(e, nameof(Gate.DueOffsetDays), nameof(Gate.Kind)):
                    touched.Note(e, g, x => x.ReleaseId);
                    break;
                case Impact i when e.State != EntityState.Modified:
                    touched.Note(e, i, x => x.ReleaseId);
                    break;
                case ReleaseDependency d when e.State != EntityState.Modified:
                    touched.Note(e, d, x => x.ReleaseId);
                    break;
                case Release r when e.State != EntityState.Modified || TouchedReleases.Changed(e, nameof(Release.GoLive), nameof(Release.Status)):
                    touched.Note(e, r, x => x.Id);
                    break;
                case ApprovalRequest q when q.Kind == ApprovalKind.GoLive
                                            && (e.State != EntityState.Modified || TouchedReleases.Changed(e, nameof(ApprovalRequest.Status), nameof(ApprovalRequest.Decision), nameof(ApprovalRequest.Dca))):
                    touched.Note(e, q, x => x.ReleaseId);
                    break;
            }
        }
        return touched;
    }

    /// <summary>
    /// Recomputes the summaries of the gates of <paramref name="releaseIds"/> from what is in the database (flushed,
    /// same transaction) and writes the rows that differ; the caller saves.
    /// </summary>
    public static async Task RefreshAsync(ReadinessDbContext db, IReadOnlyCollection<int> releaseIds, CancellationToken ct)
    {
        if (releaseIds.Count == 0) return;
        var ids = releaseIds.ToList();
        var values = await ComputeAsync(db, ids, ct);
        var gateIds = values.Select(v => v.GateId).ToList();
        var stored = await db.GateSummaries.Where(s => ids.Contains(s.ReleaseId) || gateIds.Contains(s.GateId)).ToDictionaryAsync(s => s.GateId, ct);
        PerReleaseReadModel.Sync(db.GateSummaries, values, stored, v => v.GateId, id => new GateSummary(id), (row, v) => row.Apply(v));
    }

    /// <summary>
    /// Gives every gate without a summary its row: for databases that had gates before the read model existed (run at
    /// start-up after migrating; a no-op afterwards). Works in chunks of releases, each saved on its own.
    /// </summary>
    public static Task<int> BackfillAsync(ReadinessDbContext db, CancellationToken ct, int releasesPerChunk = 200) =>
        PerReleaseReadModel.BackfillAsync(db, db.Gates.Where(g => !db.GateSummaries.Any(s => s.GateId == g.Id)).Select(g => g.ReleaseId), RefreshAsync, releasesPerChunk, ct);

    /// <summary>
    /// Every gate's summary computed from the portfolio: of the given releases, or of all of them (null). Five queries
    /// whatever the number of gates; the rules are the tracker's (complete, counts, worst RAG, latest go / no-go).
    /// </summary>
    public static async Task<IReadOnlyList<GateSummaryValues>> ComputeAsync(ReadinessDbContext db, IReadOnlyCollection<int>? releaseIds, CancellationToken ct)
    {
        var ids = releaseIds?.ToList();
        IQueryable<Gate> gateRows = db.Gates.AsNoTracking();
        IQueryable<Impact> impactRows = db.Impacts.AsNoTracking();
        IQueryable<Assessment> returnRows = db.Assessments.AsNoTracking();
        IQueryable<ApprovalRequest> requestRows = db.ApprovalRequests.AsNoTracking();
        IQueryable<ReleaseDependency> dependencyRows = db.ReleaseDependencies.AsNoTracking();
        if (ids is not null)
        {
            gateRows = gateRows.Where(g => ids.Contains(g.ReleaseId));
            impactRows = impactRows.Where(i => ids.Contains(i.ReleaseId));
            returnRows = returnRows.Where(a => ids.Contains(a.ReleaseId));
            requestRows = requestRows.Where(r => ids.Contains(r.ReleaseId));
            dependencyRows = dependencyRows.Where(d => ids.Contains(d.ReleaseId));
        }
        var gates = await gateRows
            .Select(g => new { g.Id, g.ReleaseId, g.Release!.ProgrammeId, g.Release.Code, g.Release.GoLive, g.Release.Status, g.Kind, g.DueOffsetDays })
            .ToListAsync(ct);
        var impacted = await impactRows.GroupBy(i => i.ReleaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var dependencies = await dependencyRows.GroupBy(d => d.ReleaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var returns = (await returnRows.Select(a => new { a.ReleaseId, a.GateId, a.Status, a.Rag, a.FailingCriteria }).ToListAsync(ct)).ToLookup(a => a.ReleaseId);
        var decisions = (await requestRows.Where(r => r.Kind == ApprovalKind.GoLive && r.Status == ApprovalStatus.Decided)
            .Select(r => new { r.Id, r.ReleaseId, r.Decision, r.Dca, r.DecidedAtUtc }).ToListAsync(ct))
            .GroupBy(r => r.ReleaseId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).First());

        var kindOf = gates.ToDictionary(g => g.Id, g => g.Kind);

        return gates.Select(g =>
        {
            // The go / no-go gate is decided on the release's readiness returns, so it shows their counts and RAG.
            var mine = returns[g.ReleaseId].Where(a => a.GateId == g.Id || g.Kind == GateKind.GoNoGo).ToList();
            var submitted = mine.Count(a => a.Status is AssessmentStatus.Submitted or AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions);
            var approved = mine.Count(a => a.Status is AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions);
            // Failing criteria are the submitted returns' own; a go / no-go gate sums its release's readiness returns (not a review's).
            var failing = mine.Where(a => a.Status is AssessmentStatus.Submitted or AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions
                                          && (g.Kind != GateKind.GoNoGo || kindOf.GetValueOrDefault(a.GateId) == GateKind.Readiness)).Sum(a => a.FailingCriteria ?? 0);
            Rag? worst = mine.Any(a => a.Rag == Rag.Red) ? Rag.Red : mine.Any(a => a.Rag == Rag.Amber) ? Rag.Amber : mine.Any(a => a.Rag == Rag.Green) ? Rag.Green : null;
            var go = decisions.GetValueOrDefault(g.ReleaseId);
            var went = go?.Decision is Decision.Go or Decision.GoWithConditions;
            var complete = g.Status is ReleaseStatus.Closed || (g.Status is ReleaseStatus.Live && g.Kind != GateKind.PostGoLiveReview) || g.Kind switch
            {
                GateKind.Readiness => mine.Count > 0 && approved == mine.Count,
                GateKind.GoNoGo => went,
                _ => false,
            };
            return new GateSummaryValues(g.Id, g.ReleaseId, g.ProgrammeId, g.Code, g.Kind, g.DueOffsetDays, g.GoLive, impacted.GetValueOrDefault(g.ReleaseId),
                mine.Count, submitted, approved, failing, dependencies.GetValueOrDefault(g.ReleaseId), worst, go?.Decision, go?.Dca, complete);
        }).ToList();
    }
}
