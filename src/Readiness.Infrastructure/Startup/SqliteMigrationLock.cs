using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Startup;

/// <summary>
/// EF Core takes a lock before it migrates; on SQLite the lock is a row in <c>__EFMigrationsLock</c>, deleted when the
/// migrations end. A start killed while it migrated (kill -9, the machine going down) leaves the row behind, and every
/// later start would wait for it, silently, for ever. A SQLite file belongs to one app process (several nodes share
/// PostgreSQL, whose lock is its session's and goes with it), so a row found before this process has migrated is such
/// a leftover: stop, saying how to release it, instead of waiting.
/// </summary>
internal static class SqliteMigrationLock
{
    private const string Table = "__EFMigrationsLock";

    public static async Task ThrowIfLeftBehindAsync(ReadinessDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{Table}'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0) return;
            command.CommandText = $"SELECT \"Timestamp\" FROM \"{Table}\" LIMIT 1";
            if (await command.ExecuteScalarAsync(ct) is not { } taken) return;

            var file = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
            throw new StartupValidationException(
                $"{file}: EF Core's migration lock has been held since {taken}: an earlier start was stopped while it migrated " +
                "this database (the process killed, or the machine went down), and the lock stayed in the file. If no other " +
                $"Readiness process uses the file, release the lock and start again: sqlite3 \"{file}\" 'DELETE FROM \"{Table}\";'");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
