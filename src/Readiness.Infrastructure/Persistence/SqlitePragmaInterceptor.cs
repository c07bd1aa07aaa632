using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Readiness.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: foreign keys on, FULL sync (a committed decision survives power loss) and a
/// busy timeout so concurrent writers wait instead of failing. WAL itself is persistent and set once at start.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
