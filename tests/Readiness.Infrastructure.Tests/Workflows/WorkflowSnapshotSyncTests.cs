using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Tests.TestData;
using Readiness.Infrastructure.Workflows;

namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>WorkflowSnapshotSync against a real, migrated database (SQLite in a temp folder, or PostgreSQL).</summary>
public sealed class WorkflowSnapshotSyncTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime Monday = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    private readonly WorkflowFolder _folder = new(withRealDefinitions: true);
    private readonly string _dbFolder = Directory.CreateTempSubdirectory("readiness-wf-").FullName;

    private ReadinessDbContext NewDb() => TestDatabase.NewContext(_dbFolder);

    public async Task InitializeAsync()
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(_dbFolder, recursive: true);
    }

    private async Task SyncAsync(DateTime nowUtc)
    {
        await using var db = NewDb();
        await WorkflowSnapshotSync.SyncAsync(db, _folder.Load(), nowUtc, CancellationToken.None);
    }

    private async Task<List<(string Id, int Version, string Hash, DateTime LoadedAt)>> SnapshotsAsync()
    {
        await using var db = NewDb();
        var rows = await db.WorkflowSnapshots.OrderBy(s => s.DefinitionId).ThenBy(s => s.Version).ToListAsync();
        return rows.Select(s => (s.DefinitionId, s.Version, s.ContentHash, s.LoadedAtUtc)).ToList();
    }

    private void EditAreaReturn(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(_folder.ReadText("area-return.json"))!;
        change(node);
        _folder.Write("area-return.json", node.ToJsonString());
    }

    [Fact]
    public async Task Each_definition_version_is_stored_once_with_its_canonical_json_and_hash()
    {
        await SyncAsync(Monday);
        await SyncAsync(Monday.AddDays(1));

        var snapshots = await SnapshotsAsync();
        Assert.Equal(["area-return", "area-return-escalating", "area-return-two-approvers", "go-live-gate", "post-go-live-review"], snapshots.Select(s => s.Id));
        Assert.All(snapshots, s => Assert.Equal(Monday, s.LoadedAt));

        await using var db = NewDb();
        var stored = await db.WorkflowSnapshots.SingleAsync(s => s.DefinitionId == "go-live-gate");
        var loaded = _folder.Load().Single(l => l.Definition.Id == "go-live-gate");
        Assert.Equal(loaded.Json, stored.Json);
        Assert.Equal(loaded.ContentHash, stored.ContentHash);
    }

    [Fact]
    public async Task A_reformatted_file_is_the_same_version()
    {
        await SyncAsync(Monday);
        EditAreaReturn(_ => { }); // same content, written without indentation

        await SyncAsync(Monday.AddDays(1));

        Assert.Equal(5, (await SnapshotsAsync()).Count);
    }

    [Fact]
    public async Task Changed_content_under_the_same_version_is_refused_and_nothing_is_saved()
    {
        await SyncAsync(Monday);
        var before = await SnapshotsAsync();
        EditAreaReturn(n => n["states"]![1]!["title"] = "With the BCM");
        _folder.Write("go-live-gate-fast.json", _folder.ReadText("go-live-gate.json").Replace("\"go-live-gate\"", "\"go-live-gate-fast\"", StringComparison.Ordinal));

        var message = (await Assert.ThrowsAsync<StartupValidationException>(() => SyncAsync(Monday.AddDays(1)))).Message;

        Assert.Contains("workflows/area-return.json: $.version: 'area-return' version 1 is already in use with different content. "
            + "Running instances stay on the version they started on; publish the change as version 2.", message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotsAsync());
    }

    [Fact]
    public async Task Changed_content_with_a_bumped_version_is_stored_beside_the_old_one()
    {
        await SyncAsync(Monday);
        var v1 = (await SnapshotsAsync()).Single(s => s.Id == "area-return");
        EditAreaReturn(n =>
        {
            n["version"] = 2;
            n["states"]![1]!["title"] = "With the BCM";
        });

        await SyncAsync(Monday.AddDays(1));

        var versions = (await SnapshotsAsync()).Where(s => s.Id == "area-return").ToList();
        Assert.Equal([1, 2], versions.Select(s => s.Version));
        Assert.Equal(v1, versions[0]);
        Assert.NotEqual(v1.Hash, versions[1].Hash);
        Assert.Equal(Monday.AddDays(1), versions[1].LoadedAt);
    }
}
