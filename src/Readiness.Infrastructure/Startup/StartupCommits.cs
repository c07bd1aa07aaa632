using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Startup;

/// <summary>
/// On SQLite, the start-up work's own connection commits without waiting for the disk while it migrates and seeds
/// (<c>synchronous=NORMAL</c>: in WAL mode the log is synced at checkpoints instead of at every commit), and the work
/// ends with one checkpoint under <c>synchronous=FULL</c>, which syncs everything it wrote before the server takes a
/// request. A first start commits some 130 times; each sync waits for the disk, which on a busy machine (another
/// program writing) made the start seconds slower.
/// </summary>
/// <remarks>
/// Why it is safe: NORMAL keeps the database consistent through a crash or power cut; what it can lose is the last
/// commits before the cut, and only those of the start-up work, which every later start applies again (each migration
/// and seed step is idempotent, the same as after a start interrupted any other way). The setting belongs to this one
/// connection, held open for the work and set back to FULL before it goes back to the pool, so requests, jobs and the
/// start-up steps (on connections of their own) always commit with FULL.
/// </remarks>
internal sealed class StartupCommits : IAsyncDisposable
{
    private readonly ReadinessDbContext _db;

    private StartupCommits(ReadinessDbContext db) => _db = db;

    /// <summary>Null on PostgreSQL, whose commits the start-up work leaves as they are.</summary>
    public static async Task<StartupCommits?> BeginAsync(ReadinessDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", ct);
        return new StartupCommits(db);
    }

    /// <summary>FULL again, then a checkpoint: it syncs the log (and so every commit of the work) before it returns.</summary>
    public async ValueTask DisposeAsync()
    {
        var restored = false;
        try
        {
            await _db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;");
            restored = true;
            await _db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);");
        }
        finally
        {
            // A connection still on NORMAL never goes back to the pool for a request to commit on.
            if (!restored && _db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection connection) Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            await _db.Database.CloseConnectionAsync();
        }
    }
}
