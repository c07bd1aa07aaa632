using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;

namespace Readiness.Infrastructure.Tests.TestData;

/// <summary>
/// The database an integration test runs on: a SQLite file in the test's folder (the default), or — with
/// READINESS_TEST_DB=postgres — a database of its own on the PostgreSQL server named by READINESS_TEST_PG, which
/// tests/run.sh starts (a throwaway cluster on 127.0.0.1). One folder always maps to the same database, so a second
/// app started on the same folder is a restart on the same data.
/// </summary>
internal static class TestDatabase
{
    public const string ProviderVariable = "READINESS_TEST_DB";
    public const string ServerVariable = "READINESS_TEST_PG";

    /// <summary>The key a test app's audit chain is signed with (Audit:ChainKey): a test environment's own secret.</summary>
    public const string AuditChainKey = "test-audit-chain-key-0123456789-abcdefghijklmnop";

    public static bool PostgresSelected =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server (no database named), e.g. "Host=127.0.0.1;Port=5433;Username=postgres;Password=…".</summary>
    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"{ServerVariable} is not set, so there is no PostgreSQL server to test on. Run ./tests/run.sh, which installs PostgreSQL when " +
            $"missing and starts a throwaway cluster (or set {ServerVariable} to a server's connection string yourself).");

    /// <summary>The selected provider's half of the unit of work's retry rule.</summary>
    public static IDbErrorRule ErrorRule => PostgresSelected ? new PostgresErrorRule() : new SqliteErrorRule();

    /// <summary>The database options for a test folder on the selected provider.</summary>
    public static DatabaseOptions For(string folder) => PostgresSelected ? Postgres(folder) : Sqlite(folder);

    public static DatabaseOptions Sqlite(string folder) => new()
    {
        Provider = DatabaseOptions.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(folder, "readiness.db")}",
    };

    /// <summary>A database named after the folder; the app (or Migrate) creates it on first use.</summary>
    public static DatabaseOptions Postgres(string folder) => new()
    {
        Provider = DatabaseOptions.Postgres,
        ConnectionString = PostgresConnectionString(NameFor(folder)),
    };

    public static string PostgresConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server)
    {
        Database = database,
        // Hundreds of short-lived apps each keep a pool: let idle connections go quickly so the server never runs out.
        ConnectionIdleLifetime = 5,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    public static string NameFor(string folder) =>
        "readiness_test_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..16].ToLowerInvariant();

    /// <summary>
    /// A context of its own on a test folder's database, for tests below the web host. SQLite without pooling, so the
    /// file is released when the context is disposed and the folder can be deleted.
    /// </summary>
    public static ReadinessDbContext NewContext(string folder, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<ReadinessDbContext>().AddInterceptors(interceptors);
        if (PostgresSelected) DatabaseProvider.UsePostgres(options, Postgres(folder).ConnectionString);
        else options.UseSqlite($"Data Source={Path.Combine(folder, "readiness.db")};Pooling=False");
        return new ReadinessDbContext(options.Options);
    }

    /// <summary>Closes the idle pooled connections to a test's database once the test is done with it.</summary>
    public static void Release(DatabaseOptions database)
    {
        if (!database.IsPostgres) return;
        using var connection = new NpgsqlConnection(database.ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
