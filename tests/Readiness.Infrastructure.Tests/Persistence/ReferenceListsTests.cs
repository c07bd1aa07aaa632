using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Persistence;

/// <summary>
/// A node's copy of the programme and area lists (<see cref="ReferenceLists"/>) against a real, migrated database: it
/// is read again exactly when another context (another node) has changed the programmes or areas, whatever it changed
/// them through, and kept when a save changed nothing the lists show.
/// </summary>
public sealed class ReferenceListsTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-lists-").FullName;
    private readonly ReferenceLists _lists = new();

    private ReadinessDbContext NewDb() => TestDatabase.NewContext(_folder);

    public async Task InitializeAsync()
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync();
        db.Programmes.Add(new Programme("CONNECT", "CONNECT", "Records management"));
        db.BusinessAreas.Add(new BusinessArea("CUSTODY", "Custody", BusinessAreaKind.Unit, null));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<ReferenceLists.Snapshot> ReadAsync()
    {
        await using var node = NewDb();
        return await _lists.GetAsync(node, CancellationToken.None);
    }

    private async Task ChangeAsync(Action<ReadinessDbContext> change)
    {
        await using var otherNode = NewDb();
        change(otherNode);
        await otherNode.SaveChangesAsync();
    }

    [Fact]
    public async Task The_lists_are_kept_until_another_node_changes_a_programme_or_an_area()
    {
        var first = await ReadAsync();
        Assert.Equal(["CONNECT"], first.FirstProgrammes.Select(p => p.Code));
        Assert.Equal(["Custody"], first.AreaChoices.Select(a => a.Name));
        Assert.Same(first, await ReadAsync());

        // A save that touches neither keeps the copy.
        await ChangeAsync(db => db.Outbox.Add(new OutboxMessage("test", "a@example.org", "A", "Subject", "text", "<p>html</p>", DateTime.UtcNow, "readiness.test")));
        Assert.Same(first, await ReadAsync());

        // An edit of a programme, an area added: each read again, at once.
        await ChangeAsync(db => db.Programmes.Single(p => p.Code == "CONNECT").Edit("CONNECT (records)", "Records management"));
        var renamed = await ReadAsync();
        Assert.Equal(["CONNECT (records)"], renamed.FirstProgrammes.Select(p => p.Name));
        await ChangeAsync(db => db.BusinessAreas.Add(new BusinessArea("MET-CC", "MetCC", BusinessAreaKind.Unit, null)));
        Assert.Equal(["Custody", "MetCC"], (await ReadAsync()).AreaChoices.Select(a => a.Name));
    }

    [Fact]
    public async Task A_request_checks_the_lists_once_and_sees_one_snapshot_while_the_next_request_sees_a_change()
    {
        var commands = new CommandCounter();
        await using var counted = TestDatabase.NewContext(_folder, commands);
        var request = new RequestReferenceLists(_lists);

        var first = await request.GetAsync(counted, CancellationToken.None);
        var read = commands.Count;
        await ChangeAsync(db => db.BusinessAreas.Add(new BusinessArea("MET-CC", "MetCC", BusinessAreaKind.Unit, null)));
        Assert.Same(first, await request.GetAsync(counted, CancellationToken.None));
        Assert.Equal(read, commands.Count); // the second ask ran no query, not even the version's

        var next = await new RequestReferenceLists(_lists).GetAsync(counted, CancellationToken.None);
        Assert.Equal(["Custody", "MetCC"], next.AreaChoices.Select(a => a.Name));
    }

    /// <summary>
    /// PostgreSQL hands out ids when rows are inserted, not when they commit: a change that took id 7 can commit after
    /// one that took id 8. The state this leaves is made here directly (on either provider), as it stands after each
    /// commit: a node that read the lists with 8 committed must still see the change that commits 7 afterwards.
    /// </summary>
    [Fact]
    public async Task A_change_that_commits_after_a_change_with_a_higher_id_is_still_seen()
    {
        var before = await ReadAsync();
        var last = await LastChangeIdAsync();

        await CommitDirectlyAsync("LATER", "Later id, committed first", changeId: last + 2);
        Assert.Contains("LATER", (await ReadAsync()).FirstProgrammes.Select(p => p.Code));
        await CommitDirectlyAsync("EARLIER", "Earlier id, committed last", changeId: last + 1);

        var after = await ReadAsync();
        Assert.NotSame(before, after);
        Assert.Contains("EARLIER", after.FirstProgrammes.Select(p => p.Code));
    }

    /// <summary>The same, made by two real transactions where the provider lets them overlap (PostgreSQL).</summary>
    [Fact]
    public async Task Two_overlapping_changes_committed_out_of_id_order_are_both_seen()
    {
        if (!TestDatabase.PostgresSelected) return; // SQLite lets one writer at a time: its ids commit in order
        await using var first = NewDb();
        await using var slow = await first.Database.BeginTransactionAsync();
        first.Programmes.Add(new Programme("SLOW", "Slow to commit", "Took the lower id"));
        await first.SaveChangesAsync();
        await ChangeAsync(db => db.Programmes.Add(new Programme("FAST", "Quick to commit", "Took the higher id")));
        Assert.Contains("FAST", (await ReadAsync()).FirstProgrammes.Select(p => p.Code));

        await slow.CommitAsync();

        Assert.Contains("SLOW", (await ReadAsync()).FirstProgrammes.Select(p => p.Code));
    }

    private async Task<int> LastChangeIdAsync()
    {
        await using var db = NewDb();
        return await db.ReferenceChanges.MaxAsync(c => c.Id);
    }

    /// <summary>A programme and its change row as another node's commit leaves them, the change row's id chosen.</summary>
    private async Task CommitDirectlyAsync(string code, string name, int changeId)
    {
        await using var db = NewDb();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"Programmes\" (\"Code\", \"Name\", \"Description\") VALUES ({code}, {name}, '')");
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"ReferenceChanges\" (\"Id\", \"Tables\") VALUES ({changeId}, 'Programmes')");
        await tx.CommitAsync();
    }

    [Fact]
    public async Task An_area_removed_is_gone_from_the_lists()
    {
        Assert.Single((await ReadAsync()).Areas);
        await ChangeAsync(db => db.BusinessAreas.Remove(db.BusinessAreas.Single(a => a.Code == "CUSTODY")));
        Assert.Empty((await ReadAsync()).Areas);
    }
}
