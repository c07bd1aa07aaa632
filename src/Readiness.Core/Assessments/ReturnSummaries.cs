using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Assessments;

/// <summary>
/// Keeps <see cref="ReturnSummary"/> rows right, per release as <see cref="Portfolio.GateSummaries"/> keeps the
/// tracker, and on the same changes (<see cref="Portfolio.GateSummaries.Collect"/>): a return created, submitted,
/// returned, approved, moved or removed, a gate moved or its kind changed, the release's go-live moved. The context's
/// save recomputes the touched releases' rows once the changes are flushed, in the same transaction.
/// </summary>
public static class ReturnSummaries
{
    /// <summary>Recomputes the summaries of the returns of <paramref name="releaseIds"/> and writes the rows that differ; the caller saves.</summary>
    public static async Task RefreshAsync(ReadinessDbContext db, IReadOnlyCollection<int> releaseIds, CancellationToken ct)
    {
        if (releaseIds.Count == 0) return;
        var ids = releaseIds.ToList();
        var values = await ComputeAsync(db, ids, ct);
        var returnIds = values.Select(v => v.AssessmentId).ToList();
        var stored = await db.ReturnSummaries.Where(s => ids.Contains(s.ReleaseId) || returnIds.Contains(s.AssessmentId)).ToDictionaryAsync(s => s.AssessmentId, ct);
        PerReleaseReadModel.Sync(db.ReturnSummaries, values, stored, v => v.AssessmentId, id => new ReturnSummary(id), (row, v) => row.Apply(v));
    }

    /// <summary>
    /// Gives every return without a summary its row: for databases that had returns before the read model existed (run
    /// at start-up after migrating; a no-op afterwards). Works in chunks of releases, each saved on its own.
    /// </summary>
    public static Task<int> BackfillAsync(ReadinessDbContext db, CancellationToken ct, int releasesPerChunk = 200) =>
        PerReleaseReadModel.BackfillAsync(db, db.Assessments.Where(a => !db.ReturnSummaries.Any(s => s.AssessmentId == a.Id)).Select(a => a.ReleaseId), RefreshAsync, releasesPerChunk, ct);

    /// <summary>Every return's summary computed from the returns, their gates and releases: of the given releases, or of all (null).</summary>
    public static async Task<IReadOnlyList<ReturnSummaryValues>> ComputeAsync(ReadinessDbContext db, IReadOnlyCollection<int>? releaseIds, CancellationToken ct)
    {
        var returns = db.Assessments.AsNoTracking();
        if (releaseIds?.ToList() is { } ids) returns = returns.Where(a => ids.Contains(a.ReleaseId));
        var rows = await (from a in returns
                          join g in db.Gates on a.GateId equals g.Id
                          join r in db.Releases on a.ReleaseId equals r.Id
                          select new { a.Id, a.ReleaseId, a.BusinessAreaId, g.Kind, a.Status, a.SubmittedAtUtc, r.GoLive, g.DueOffsetDays }).ToListAsync(ct);
        // The due date as the tracker's read model has it (GateSummary.DueOn): the release's go-live plus the gate's offset.
        return rows.Select(x => new ReturnSummaryValues(x.Id, x.ReleaseId, x.BusinessAreaId, x.Kind, x.Status, x.SubmittedAtUtc, x.GoLive.AddDays(x.DueOffsetDays))).ToList();
    }
}
