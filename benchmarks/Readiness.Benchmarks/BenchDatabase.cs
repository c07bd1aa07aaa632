using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readiness.Core.Persistence;

namespace Readiness.Benchmarks;

/// <summary>
/// Which database the benchmarks run on: a SQLite file per folder (the default), or with <c>--provider postgres</c> a
/// PostgreSQL database per folder on the server READINESS_BENCH_PG names (else READINESS_TEST_PG, as
/// <c>tests/postgres.sh start</c> prints). A copy of the generated portfolio is a file copy on SQLite and
/// <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL, so every benchmark class starts from the same data either way.
/// </summary>
public static class BenchDatabase
{
    public const string ProviderVariable = "READINESS_BENCH_PROVIDER";

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string ProviderName => IsPostgres ? "Postgres" : "Sqlite";

    private static string Server =>
        Environment.GetEnvironmentVariable("READINESS_BENCH_PG") is { Length: > 0 } server ? server
        : Environment.GetEnvironmentVariable("READINESS_TEST_PG") is { Length: > 0 } test ? test
        : throw new InvalidOperationException("--provider postgres needs a server: set READINESS_BENCH_PG to its connection string " +
            "(e.g. eval \"$(tests/postgres.sh start)\" and READINESS_BENCH_PG=$READINESS_TEST_PG).");

    public static string ConnectionString(string folder) => IsPostgres
        ? new NpgsqlConnectionStringBuilder(Server) { Database = Name(folder) }.ConnectionString
        : $"Data Source={Path.Combine(folder, "readiness.db")}";

    /// <summary>Copies the database of <paramref name="from"/> to that of <paramref name="to"/>.</summary>
    public static void Copy(string from, string to)
    {
        if (!IsPostgres)
        {
            File.Copy(Path.Combine(from, "readiness.db"), Path.Combine(to, "readiness.db"));
            return;
        }
        ReleaseConnections(); // a template database must have no other sessions
        Execute($"CREATE DATABASE \"{Name(to)}\" TEMPLATE \"{Name(from)}\"");
    }

    public static void Drop(string folder)
    {
        ReleaseConnections();
        if (IsPostgres) Execute($"DROP DATABASE IF EXISTS \"{Name(folder)}\" WITH (FORCE)");
    }

    public static void ReleaseConnections()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Keeps the context on one connection for a bulk load; on SQLite that connection stops waiting for the disk at each
    /// commit (synchronous=OFF: the benchmark database is made again if the machine dies mid-load).
    /// </summary>
    public static async Task OpenForBulkAsync(ReadinessDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        if (!IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF;");
    }

    /// <summary>After the bulk load: SQLite folds the WAL into the file, PostgreSQL gathers planner statistics.</summary>
    public static Task SettleAsync(ReadinessDbContext db) =>
        db.Database.ExecuteSqlRawAsync(IsPostgres ? "ANALYZE" : "PRAGMA wal_checkpoint(TRUNCATE);");

    private static string Name(string folder) =>
        "readiness_bench_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..16].ToLowerInvariant();

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
