using Microsoft.EntityFrameworkCore;

namespace Readiness.Core.Persistence;

/// <summary>
/// Runs a unit of work again when it lost a race: an optimistic-concurrency conflict or a collision on the audit
/// chain head. Each attempt starts from a clean change tracker, so it re-reads the current state.
/// </summary>
public static class DbRetry
{
    public static async Task<T> RunAsync<T>(ReadinessDbContext db, Func<Task<T>> work, int attempts = 4)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await work();
            }
            catch (Exception ex) when (attempt < attempts && IsRace(ex))
            {
                await Task.Delay(Random.Shared.Next(5, 40));
            }
        }
    }

    /// <summary>Lost races: a stale version, a taken audit chain index, or SQLite's "busy" when another writer won.</summary>
    public static bool IsRace(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException u => u.InnerException?.Message.Contains("ChainIndex", StringComparison.Ordinal) == true || (u.InnerException is { } inner && IsRace(inner)),
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 5, // SQLITE_BUSY (incl. BUSY_SNAPSHOT)
        _ => false,
    };
}
