using Microsoft.EntityFrameworkCore;

namespace Readiness.Core.Persistence;

/// <summary>
/// The upkeep shared by the read models recomputed a release at a time (<see cref="Portfolio.GateSummary"/>,
/// <see cref="Assessments.ReturnSummary"/>): writing freshly computed values over the stored rows, and giving rows to a
/// database whose data predates its read model.
/// </summary>
internal static class PerReleaseReadModel
{
    /// <summary>
    /// Updates the stored rows from the computed values (a row writes only if a value differs), adds the missing ones
    /// and removes those left over: rows whose source is gone, normally removed with it by the cascade already. The
    /// caller saves.
    /// </summary>
    public static void Sync<TRow, TValues>(DbSet<TRow> rows, IEnumerable<TValues> values, Dictionary<int, TRow> stored,
        Func<TValues, int> key, Func<int, TRow> create, Action<TRow, TValues> apply) where TRow : class
    {
        foreach (var v in values)
        {
            if (!stored.Remove(key(v), out var row))
            {
                row = create(key(v));
                rows.Add(row);
            }
            apply(row, v);
        }
        rows.RemoveRange(stored.Values);
    }

    /// <summary>
    /// Refreshes the releases that have rows missing from the read model (run at start-up after migrating; a no-op
    /// afterwards), in chunks of releases each saved on its own, so no transaction holds the database for long.
    /// </summary>
    public static async Task<int> BackfillAsync(ReadinessDbContext db, IQueryable<int> releasesMissingRows,
        Func<ReadinessDbContext, IReadOnlyCollection<int>, CancellationToken, Task> refresh, int releasesPerChunk, CancellationToken ct)
    {
        var missing = await releasesMissingRows.Distinct().OrderBy(id => id).ToListAsync(ct);
        foreach (var chunk in missing.Chunk(releasesPerChunk))
        {
            await refresh(db, chunk, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return missing.Count;
    }
}
