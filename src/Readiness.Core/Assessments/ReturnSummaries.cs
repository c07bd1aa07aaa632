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
    /// <summary>
    /// Recomputes the summaries of the returns of <paramref name="releaseIds"/>, writes the rows that differ and moves
    /// the areas' counts (<see cref="ReturnCounts"/>) by the difference; the caller saves. <paramref name="before"/> is
    /// the releases' summaries as counted before the changes were flushed (<see cref="ReturnTally.OfReleasesAsync"/>);
    /// without it they are counted now, which is right only when nothing flushed since has removed any.
    /// </summary>
    public static async Task RefreshAsync(ReadinessDbContext db, IReadOnlyCollection<int> releaseIds, CancellationToken ct, ReturnTally? before = null)
    {
        if (releaseIds.Count == 0) return;
        var ids = releaseIds.ToList();
        before ??= await ReturnTally.OfReleasesAsync(db, ids, ct);
        var values = await ComputeAsync(db, ids, ct);
        var returnIds = values.Select(v => v.AssessmentId).ToList();
        var stored = await db.ReturnSummaries.Where(s => ids.Contains(s.ReleaseId) || returnIds.Contains(s.AssessmentId)).ToDictionaryAsync(s => s.AssessmentId, ct);
        // A return moved here from a release not refreshed counted there, not in `before`.
        foreach (var row in stored.Values.Where(s => !ids.Contains(s.ReleaseId))) before.Add(row.BusinessAreaId, row.Review, row.Status, 1);
        var after = new ReturnTally();
        foreach (var v in values) after.Add(v.BusinessAreaId, v.Review, v.Status, 1);
        PerReleaseReadModel.Sync(db.ReturnSummaries, values, stored, v => v.AssessmentId, id => new ReturnSummary(id), (row, v) => row.Apply(v));
        await ReturnCounts.ApplyAsync(db, before, after, ct);
    }

    /// <summary>
    /// Gives every return without a summary its row: for databases that had returns before the read model existed (run
    /// at start-up after migrating; a no-op afterwards). Works in chunks of releases, each saved on its own.
    /// </summary>
    public static async Task<int> BackfillAsync(ReadinessDbContext db, CancellationToken ct, int releasesPerChunk = 200)
    {
        var releases = await PerReleaseReadModel.BackfillAsync(db, db.Assessments.Where(a => !db.ReturnSummaries.Any(s => s.AssessmentId == a.Id)).Select(a => a.ReleaseId),
            (context, ids, token) => RefreshAsync(context, ids, token), releasesPerChunk, ct);
        if (releases == 0) return 0;
        // Summaries were missing, so the counts may not have counted what they held: set them from the table.
        await ReturnCounts.RecountAsync(db, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return releases;
    }

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
