using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Dashboards;
using Readiness.Core.Identity;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Persistence;

/// <summary>
/// The decisions waiting for a person are counted once a request: the inbox shows the total and the header shows it
/// beside "Decisions", from one count (<see cref="DecisionsWaiting"/>), on a real, migrated database.
/// </summary>
public sealed class DecisionsWaitingTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-waiting-").FullName;

    public async Task InitializeAsync()
    {
        await using var db = TestDatabase.NewContext(_folder);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_inbox_and_the_header_of_one_request_count_the_decisions_waiting_once()
    {
        var commands = new CommandCounter();
        await using var db = TestDatabase.NewContext(_folder, commands);
        var waiting = new DecisionsWaiting(db);
        var bcm = new Actor("bcm", new HashSet<string> { Roles.Bcm });

        var inbox = await new ApprovalQueries(db, new ReadinessClock(TimeProvider.System, TimeZoneInfo.Utc), waiting).InboxAsync(bcm.UserId, 1, CancellationToken.None);
        var afterInbox = commands.Count;
        var counts = await new LayoutQueries(db, waiting).ForAsync(bcm, CancellationToken.None);

        Assert.Equal(inbox.PendingTotal, counts.DecisionsWaiting);
        Assert.Equal(afterInbox, commands.Count);
        // Another person in the same scope is counted for themselves.
        await waiting.CountAsync("someone-else", CancellationToken.None);
        Assert.Equal(afterInbox + 1, commands.Count);
    }

    [Fact]
    public async Task The_count_reads_the_persons_re_sends_on_their_way_not_a_look_up_per_waiting_request()
    {
        if (TestDatabase.PostgresSelected) return; // the plan read here is SQLite's
        var commands = new CommandCounter();
        await using var db = TestDatabase.NewContext(_folder, commands);

        await new DecisionsWaiting(db).CountAsync("bcm", CancellationToken.None);

        await db.Database.OpenConnectionAsync();
        var plan = await Assert.Single(commands.Ran).SqlitePlanAsync(db.Database.GetDbConnection());
        Assert.DoesNotContain(plan, step => step.Contains("CORRELATED", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("(ApproverUserId=? AND Status=? AND ReplacesRequestId>?)", StringComparison.Ordinal));
    }
}
