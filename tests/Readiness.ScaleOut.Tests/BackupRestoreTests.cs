using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Audit;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Tests.TestData;
using Readiness.ScaleOut.Tests.Infrastructure;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.ScaleOut.Tests;

/// <summary>
/// Backups drilled (issue 12): each kind of backup, restored into a fresh app, holds every return, decision and audit
/// entry of the app it was taken from, and the audit chain verifies. The apps play the demo activity, so there are
/// submitted, returned and approved returns, BCM decisions and a long audit chain.
/// </summary>
public sealed class BackupRestoreTests
{
    private static Dictionary<string, string?> Demo(string provider) => new() { ["Database:Provider"] = provider, ["Seed:DemoActivity"] = "true" };

    [Fact]
    public async Task A_sqlite_backup_taken_while_the_app_runs_restores_every_return_decision_and_audit_entry()
    {
        await using var running = new ReadinessFactory(settings: Demo(DatabaseOptions.Sqlite));
        var before = await DataSet.ReadAsync(running);
        var backup = Path.Combine(Directory.CreateTempSubdirectory("readiness-backup-").FullName, "readiness-backup.db");
        var wal = new FileInfo(Path.Combine(running.Folder, "readiness.db-wal"));
        Assert.True(wal.Exists && wal.Length > 0, "the latest commits should still be in the WAL file, not yet in the database file");

        // The documented command, in its own process, while the app holds the database open in WAL mode.
        var result = await AppCommand.RunAsync("backup", backup, "--Database:Provider=Sqlite", $"--Database:ConnectionString={running.Database.ConnectionString}");
        var restoredFolder = Directory.CreateTempSubdirectory("readiness-restored-").FullName;
        File.Copy(backup, Path.Combine(restoredFolder, "readiness.db"));
        await using var restored = new ReadinessFactory(restoredFolder, Demo(DatabaseOptions.Sqlite));
        var after = await DataSet.ReadAsync(restored);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("integrity ok", result.Output, StringComparison.Ordinal);
        before.AssertSameAs(after);
    }

    [Fact]
    public async Task A_backup_refuses_to_overwrite_a_file()
    {
        var existing = Path.Combine(Directory.CreateTempSubdirectory("readiness-backup-").FullName, "taken.db");
        await File.WriteAllTextAsync(existing, "an older backup");

        var result = await AppCommand.RunAsync("backup", existing, "--Database:Provider=Sqlite", "--Database:ConnectionString=Data Source=/nonexistent/readiness.db");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task A_postgres_pg_dump_restored_with_pg_restore_holds_every_return_decision_and_audit_entry()
    {
        await using var running = new ReadinessFactory(settings: Demo(DatabaseOptions.Postgres));
        var before = await DataSet.ReadAsync(running);
        var dump = Path.Combine(Directory.CreateTempSubdirectory("readiness-dump-").FullName, "readiness.dump");
        var source = new Npgsql.NpgsqlConnectionStringBuilder(running.Database.ConnectionString).Database!;

        // As docs/deployment.md says: a custom-format dump while the app runs, restored into a new, empty database.
        await AppCommand.PostgresToolAsync("pg_dump", "-Fc", "-d", source, "-f", dump);
        var restoredFolder = Directory.CreateTempSubdirectory("readiness-restored-").FullName;
        var target = TestDatabase.NameFor(restoredFolder);
        await AppCommand.PostgresToolAsync("createdb", target);
        await AppCommand.PostgresToolAsync("pg_restore", "--no-owner", "-d", target, dump);
        await using var restored = new ReadinessFactory(restoredFolder, Demo(DatabaseOptions.Postgres));
        var after = await DataSet.ReadAsync(restored);

        before.AssertSameAs(after);
    }
}

/// <summary>What must survive a backup: every return, every decision, every audit entry, and a chain that verifies.</summary>
internal sealed record DataSet(List<string> Returns, List<string> Decisions, List<string> Audit, string? ChainProblem)
{
    public static async Task<DataSet> ReadAsync(ReadinessFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
        return new DataSet(
            (await db.Assessments.AsNoTracking().OrderBy(a => a.Id).ToListAsync()).Select(a => $"{a.Id} {a.Status} v{a.Version}").ToList(),
            (await db.ApprovalRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync()).Select(r => $"{r.Id} {r.Status} {r.Decision} {r.DecidedAtUtc:O}").ToList(),
            (await db.AuditEntries.AsNoTracking().OrderBy(e => e.ChainIndex).ToListAsync()).Select(e => $"{e.ChainIndex} {e.Hash}").ToList(),
            (await scope.ServiceProvider.GetRequiredService<AuditVerification>().CheckAsync(CancellationToken.None)).Problem);
    }

    public void AssertSameAs(DataSet restored)
    {
        Assert.Contains(Decisions, d => d.Contains("Approve", StringComparison.Ordinal)); // the demo decided things: not an empty drill
        Assert.True(Audit.Count > 20, $"only {Audit.Count} audit entries");
        Assert.Equal(Returns, restored.Returns);
        Assert.Equal(Decisions, restored.Decisions);
        Assert.Equal(Audit, restored.Audit);
        Assert.Null(ChainProblem);
        Assert.Null(restored.ChainProblem);
    }
}
