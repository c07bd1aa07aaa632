using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Readiness.Infrastructure.Tests.TestData;

/// <summary>
/// Counts the queries a context runs (<see cref="TestDatabase.NewContext"/> takes it), for tests of what a request
/// reads, and keeps each one's SQL and parameters (<see cref="Ran"/>) for tests of how the database plans it.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;
    private readonly System.Collections.Concurrent.ConcurrentQueue<RanCommand> _ran = new();

    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<RanCommand> Ran => [.. _ran];

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        _ran.Enqueue(new RanCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
        return ValueTask.FromResult(result);
    }
}

/// <summary>A query as it ran: EF Core reuses its command objects, so the text and values are copied.</summary>
public sealed record RanCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    /// <summary>SQLite's plan for it on <paramref name="connection"/> (open): one line per step.</summary>
    public async Task<List<string>> SqlitePlanAsync(DbConnection connection)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + Sql;
        foreach (var (name, value) in Parameters)
        {
            var p = explain.CreateParameter();
            (p.ParameterName, p.Value) = (name, value ?? DBNull.Value);
            explain.Parameters.Add(p);
        }
        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
        return steps;
    }
}
