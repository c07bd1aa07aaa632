using Microsoft.Data.Sqlite;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Persistence;

/// <summary>SQLite's lost races: BUSY / LOCKED (another writer holds or took the lock) and a UNIQUE or PRIMARY KEY constraint.</summary>
public sealed class SqliteErrorRule : IDbErrorRule
{
    private const int Busy = 5, Locked = 6, Constraint = 19;
    private const int ConstraintPrimaryKey = 1555, ConstraintUnique = 2067;

    public DbErrorKind Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is not SqliteException s) continue;
            if (s.SqliteErrorCode is Busy or Locked) return DbErrorKind.Transient;
            if (s.SqliteErrorCode == Constraint && s.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey) return DbErrorKind.UniqueViolation;
        }
        return DbErrorKind.Other;
    }
}
