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

    /// <summary>
    /// Lost races, anywhere in the exception chain (PostgreSQL's provider wraps a deadlock in an InvalidOperationException):
    /// a stale version, a taken audit chain index, SQLite's "busy" when another writer won, or PostgreSQL's serialization
    /// failure (40001) or deadlock (40P01), read from the provider-neutral SQLSTATE.
    /// </summary>
    public static bool IsRace(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is DbUpdateConcurrencyException) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 }) return true; // SQLITE_BUSY (incl. BUSY_SNAPSHOT)
            if (e is System.Data.Common.DbException db && (db.SqlState is "40001" or "40P01" || db.Message.Contains("ChainIndex", StringComparison.Ordinal))) return true;
        }
        return false;
    }
}
