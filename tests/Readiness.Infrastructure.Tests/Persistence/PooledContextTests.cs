using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;

namespace Readiness.Infrastructure.Tests.Persistence;

/// <summary>
/// Contexts are pooled and SQLite connections are pooled: neither may carry one use's settings into the next. A
/// context's paused read models come back on with the scope, even when the work inside it fails, and every open of a
/// pooled SQLite connection has the pragmas the unit of work relies on (foreign keys, FULL sync, the busy timeout).
/// </summary>
public sealed class PooledContextTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-pool-").FullName;

    [Fact]
    public async Task Read_models_paused_for_failed_work_are_kept_again_when_the_scope_ends()
    {
        await using var db = DatabaseProvider.NewContext(Sqlite(), _folder);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using (db.PauseReadModels())
            {
                Assert.False(db.MaintainsReadModels);
                await Task.Yield();
                throw new InvalidOperationException("the seed failed half way");
            }
        });

        Assert.True(db.MaintainsReadModels);
    }

    [Fact]
    public async Task A_context_back_from_the_pool_after_a_failed_seed_keeps_the_read_models()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddReadinessInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = Sqlite().ConnectionString,
            }).Build(), _folder)
            .BuildServiceProvider();

        ReadinessDbContext first;
        using (var scope = services.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            {
                using (first.PauseReadModels()) await Task.FromException(new InvalidOperationException("the copy failed half way"));
            });
        }
        using (var scope = services.CreateScope())
        {
            var next = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
            Assert.Same(first, next); // the pool handed the same context back
            Assert.True(next.MaintainsReadModels, "A pooled context kept a paused read model into the next request.");
        }
    }

    [Fact]
    public async Task Every_open_of_a_pooled_sqlite_connection_has_the_pragmas()
    {
        await using var db = DatabaseProvider.NewContext(Sqlite(), _folder);
        for (var open = 1; open <= 3; open++)
        {
            await db.Database.OpenConnectionAsync();
            Assert.Equal(1L, await ScalarAsync(db, "PRAGMA foreign_keys"));
            Assert.Equal(2L, await ScalarAsync(db, "PRAGMA synchronous")); // FULL
            Assert.Equal(10000L, await ScalarAsync(db, "PRAGMA busy_timeout"));
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(ReadinessDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private DatabaseOptions Sqlite() => TestData.TestDatabase.Sqlite(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
