using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Persistence;

/// <summary>
/// The pages' compiled queries run on whichever model a context has. EF Core binds a compiled query to the first model
/// that runs it, and one process can hold two: SQLite's compiled model and the model built from OnModelCreating
/// (PostgreSQL's, or a context made without the compiled model, as the tests' own contexts are).
/// </summary>
public sealed class CompiledQueryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-compiled-").FullName;

    [Fact]
    public async Task A_compiled_query_runs_on_the_compiled_model_and_on_a_built_one_in_one_process()
    {
        await using (var compiled = DatabaseProvider.NewContext(TestDatabase.Sqlite(_folder), _folder))
        {
            await compiled.Database.MigrateAsync();
            Assert.IsType<Core.Persistence.CompiledModel.ReadinessDbContextModel>(compiled.Model);
            await RunThePagesQueriesAsync(compiled);
        }

        await using var built = new Core.Persistence.ReadinessDbContext(new DbContextOptionsBuilder<Core.Persistence.ReadinessDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "readiness.db")};Pooling=False").Options);
        Assert.IsNotType<Core.Persistence.CompiledModel.ReadinessDbContextModel>(built.Model);
        await RunThePagesQueriesAsync(built); // threw "executed with a different model than it was compiled against"
    }

    private static async Task RunThePagesQueriesAsync(Core.Persistence.ReadinessDbContext db)
    {
        var clock = new ReadinessClock(TimeProvider.System, TimeZoneInfo.Utc);
        Assert.Empty((await new GateTracker(db, clock).PageAsync(new TrackerFilter(), CancellationToken.None)).Rows);
        Assert.Empty(await new GateTracker(db, clock).DependenciesAsync([1], CancellationToken.None));
        Assert.Empty((await new PortfolioChoices(db).FilterChoicesAsync(null, CancellationToken.None)).Areas);
        Assert.Equal(new Core.Dashboards.LayoutCounts(0, 0), await new Core.Dashboards.LayoutQueries(db)
            .ForAsync(new Core.Identity.Actor("someone", new HashSet<string> { Core.Identity.Roles.Bcm, Core.Identity.Roles.Pmo }), CancellationToken.None));
        var inbox = await new Core.Approvals.ApprovalQueries(db, clock).InboxAsync("someone", 1, CancellationToken.None);
        Assert.Equal((0, 0, 0), (inbox.PendingTotal, inbox.Pending.Count, inbox.Past.Count));
        Assert.Empty(await AreaWeekLoads.OwnAsync(db, new DateOnly(2026, 1, 5), new DateOnly(2026, 6, 29), CancellationToken.None));
        var work = new Core.Assessments.MyWork(db, clock);
        Assert.Equal((0, 0), ((await work.PageAsync("someone", all: false, 1, CancellationToken.None)).Total, (await work.OpenAsync("someone", 5, CancellationToken.None)).Open));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
