using Npgsql;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL's lost races, by SQLSTATE: a serialization failure (40001) or a deadlock (40P01) means another
/// transaction won and the whole unit of work runs again; a unique violation (23505) is "someone else did it".
/// </summary>
public sealed class PostgresErrorRule : IDbErrorRule
{
    public DbErrorKind Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is not PostgresException p) continue;
            if (p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected) return DbErrorKind.Transient;
            if (p.SqlState == PostgresErrorCodes.UniqueViolation) return DbErrorKind.UniqueViolation;
        }
        return DbErrorKind.Other;
    }
}
