using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Assessments;

/// <summary>The returns of a set of releases counted by area, review flag and status: what <see cref="ReturnCount"/> rows add up.</summary>
public sealed class ReturnTally
{
    private readonly Dictionary<(int Area, bool Review, AssessmentStatus Status), int> _counts = [];

    internal IEnumerable<KeyValuePair<(int Area, bool Review, AssessmentStatus Status), int>> Counts => _counts;

    internal void Add(int area, bool review, AssessmentStatus status, int n) =>
        _counts[(area, review, status)] = _counts.GetValueOrDefault((area, review, status)) + n;

    /// <summary>
    /// The stored summaries of <paramref name="releaseIds"/> counted as they are now. The context's save takes it
    /// before it flushes: a return removed (with its impact, say) takes its summary with it by the database's cascade,
    /// and only this count still knows which area and status it counted in.
    /// </summary>
    public static async Task<ReturnTally> OfReleasesAsync(ReadinessDbContext db, IReadOnlyCollection<int> releaseIds, CancellationToken ct)
    {
        var tally = new ReturnTally();
        if (releaseIds.Count == 0) return tally;
        var ids = releaseIds.ToList();
        var groups = await db.ReturnSummaries.Where(s => ids.Contains(s.ReleaseId))
            .GroupBy(s => new { s.BusinessAreaId, s.Review, s.Status })
            .Select(g => new { g.Key.BusinessAreaId, g.Key.Review, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var g in groups) tally.Add(g.BusinessAreaId, g.Review, g.Status, g.Count);
        return tally;
    }
}

/// <summary>
/// Keeps <see cref="ReturnCount"/> rows right by difference: when <see cref="ReturnSummaries"/> recomputes some releases'
/// summaries, each count moves by what those releases' returns count now less what they counted before. A recount of
/// the areas instead would cost every save as many rows as its areas hold across the portfolio.
/// </summary>
public static class ReturnCounts
{
    /// <summary>Applies <paramref name="after"/> less <paramref name="before"/> to the stored counts; the caller saves.</summary>
    public static async Task ApplyAsync(ReadinessDbContext db, ReturnTally before, ReturnTally after, CancellationToken ct)
    {
        var delta = new ReturnTally();
        foreach (var (key, n) in after.Counts) delta.Add(key.Area, key.Review, key.Status, n);
        foreach (var (key, n) in before.Counts) delta.Add(key.Area, key.Review, key.Status, -n);
        var moved = delta.Counts.Where(c => c.Value != 0).ToList();
        if (moved.Count == 0) return;
        var areas = moved.Select(c => c.Key.Area).Distinct().ToList();
        var stored = await db.ReturnCounts.Where(c => areas.Contains(c.BusinessAreaId)).ToDictionaryAsync(c => (c.BusinessAreaId, c.Review, c.Status), ct);
        foreach (var (key, n) in moved)
        {
            if (!stored.TryGetValue(key, out var row))
            {
                row = new ReturnCount(key.Area, key.Review, key.Status);
                db.ReturnCounts.Add(row);
            }
            row.Add(n);
            // Marked, not left to detection: a context that saves without detecting changes (a bulk load) would miss it.
            if (db.Entry(row).State == EntityState.Unchanged) db.Entry(row).Property(c => c.Count).IsModified = true;
        }
    }

    /// <summary>
    /// Every count set to what the summaries hold: after My work's table is backfilled at start-up, for summaries
    /// that were removed or written without the counts (rows counting nothing are set to 0). The caller saves.
    /// </summary>
    public static async Task RecountAsync(ReadinessDbContext db, CancellationToken ct)
    {
        var now = await db.ReturnSummaries.GroupBy(s => new { s.BusinessAreaId, s.Review, s.Status })
            .Select(g => new { g.Key.BusinessAreaId, g.Key.Review, g.Key.Status, Count = g.Count() })
            .ToDictionaryAsync(g => (g.BusinessAreaId, g.Review, g.Status), g => g.Count, ct);
        foreach (var row in await db.ReturnCounts.ToListAsync(ct)) row.Set(now.Remove((row.BusinessAreaId, row.Review, row.Status), out var n) ? n : 0);
        foreach (var ((area, review, status), n) in now)
        {
            var row = new ReturnCount(area, review, status);
            row.Set(n);
            db.ReturnCounts.Add(row);
        }
    }
}
