using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;

namespace Readiness.Infrastructure.Tests.Persistence;

/// <summary>PostgreSQL's half of the retry rule, by SQLSTATE, wherever the error sits in the exception chain.</summary>
public sealed class PostgresErrorRuleTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("40001", DbErrorKind.Transient)]      // serialization failure: another transaction won
    [InlineData("40P01", DbErrorKind.Transient)]      // deadlock detected
    [InlineData("23505", DbErrorKind.UniqueViolation)] // a unique index taken by a concurrent transaction
    [InlineData("23503", DbErrorKind.Other)]           // a foreign key: a real error
    [InlineData("42P01", DbErrorKind.Other)]           // no such table
    public void Classifies_by_sqlstate_under_a_save_and_under_the_providers_transient_wrapper(string sqlState, DbErrorKind kind)
    {
        var rule = new PostgresErrorRule();

        Assert.Equal(kind, rule.Classify(new DbUpdateException("save failed", Postgres(sqlState))));
        Assert.Equal(kind, rule.Classify(new InvalidOperationException("likely transient", new DbUpdateException("save failed", Postgres(sqlState)))));
    }

    [Fact]
    public void Other_providers_errors_are_not_its_business()
    {
        Assert.Equal(DbErrorKind.Other, new PostgresErrorRule().Classify(new DbUpdateException("save failed", new Microsoft.Data.Sqlite.SqliteException("busy", 5))));
    }
}
