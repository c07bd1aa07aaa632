using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Readiness.Infrastructure.Tests.TestData;

/// <summary>Counts the queries a context runs (<see cref="TestDatabase.NewContext"/> takes it), for tests of what a request reads.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
