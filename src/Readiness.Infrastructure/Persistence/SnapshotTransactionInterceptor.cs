using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Readiness.Infrastructure.Persistence;

/// <summary>
/// On PostgreSQL, every transaction the app opens (a unit of work, or SaveChanges' own) runs at REPEATABLE READ: it
/// reads one snapshot from its first statement, as a SQLite transaction does. At PostgreSQL's default, READ COMMITTED,
/// each statement sees whatever committed just before it, so a decision that lost the race read the request as still
/// pending and then the workflow as already moved on, and failed as invalid instead of being told someone else decided.
/// At REPEATABLE READ the loser gets a serialization failure (40001) at its first conflicting write, and the retry rule
/// runs it again on fresh data. Statements outside a transaction (the outbox's claims) stay READ COMMITTED.
/// </summary>
internal sealed class SnapshotTransactionInterceptor : DbTransactionInterceptor
{
    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        eventData.IsolationLevel == IsolationLevel.Unspecified
            ? InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(IsolationLevel.RepeatableRead))
            : result;

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        eventData.IsolationLevel == IsolationLevel.Unspecified
            ? InterceptionResult<DbTransaction>.SuppressWithResult(await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
            : result;
}
