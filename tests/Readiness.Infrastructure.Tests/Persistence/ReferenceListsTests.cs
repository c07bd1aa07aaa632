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

    [Fact]
    public async Task An_area_removed_is_gone_from_the_lists()
    {
        Assert.Single((await ReadAsync()).Areas);
        await ChangeAsync(db => db.BusinessAreas.Remove(db.BusinessAreas.Single(a => a.Code == "CUSTODY")));
        Assert.Empty((await ReadAsync()).Areas);
    }
}
