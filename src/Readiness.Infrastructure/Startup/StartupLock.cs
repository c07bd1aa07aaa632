using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Startup;

/// <summary>
/// One node at a time through start-up on a shared PostgreSQL database: a session-level advisory lock held on a
/// connection of its own while migrations, seed data, Hangfire's schema and the first Data Protection key are made,
/// so nodes started together neither race to seed nor each make a key the others have not read. SQLite is one
/// process's file and needs none.
/// </summary>
internal static class StartupLock
{
    // Any fixed 64-bit number that no other application on the same database uses for an advisory lock.
    private const long Key = 0x52454144494E4553; // "READINES"

    public static async Task<IAsyncDisposable> AcquireAsync(ReadinessDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return NoLock.Instance;
        await CreateDatabaseIfMissingAsync(db, ct);
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", Key);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        return new Held(connection);
    }

    /// <summary>The lock needs a database to connect to; migrations would create it anyway (given CREATEDB), so make it first.</summary>
    private static async Task CreateDatabaseIfMissingAsync(ReadinessDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another node made it first.
        }
    }

    private sealed class Held(DbConnection connection) : IAsyncDisposable
    {
        // Closing the session releases a session-level advisory lock; the unlock just says so sooner.
        public async ValueTask DisposeAsync()
        {
            await using (var unlock = connection.CreateCommand())
            {
                unlock.CommandText = $"SELECT pg_advisory_unlock({Key})";
                await unlock.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
