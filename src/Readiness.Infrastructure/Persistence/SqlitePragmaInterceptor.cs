using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Readiness.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: foreign keys on, FULL sync (a committed decision survives power loss) and a
/// busy timeout so concurrent writers wait instead of failing. WAL itself is persistent and set once at start.
/// The settings belong to the native connection, which Microsoft.Data.Sqlite's pool keeps open between requests, so
/// they are sent once per native connection rather than at every open (three statements prepared per request).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    // Keyed by the native handle: an entry goes when the pool closes that connection and the handle is collected.
    private static readonly ConditionalWeakTable<object, object> Configured = [];
    private static readonly object Sent = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AlreadyConfigured(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AlreadyConfigured(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool AlreadyConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, Sent);
    }
}
