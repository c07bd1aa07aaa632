using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Tests.TestData;
using Readiness.ScaleOut.Tests.Infrastructure;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.ScaleOut.Tests;

/// <summary>
/// Moving up (issue 12): the documented command copies a SQLite database into an empty PostgreSQL database — every
/// table, ids kept, sequences past the highest id, the audit chain verifying — and refuses a target that holds rows.
/// </summary>
public sealed class CopyToPostgresTests
{
    [Fact]
    public async Task The_copy_keeps_every_row_and_id_and_the_app_runs_on_the_copy()
    {
        var (sqlite, before) = await DemoSqliteAsync();
        var targetFolder = Directory.CreateTempSubdirectory("readiness-copy-").FullName;
        var target = TestDatabase.Postgres(targetFolder);

        var result = await CopyAsync(sqlite, target);
        Counts copied;
        await using (var db = DatabaseProvider.NewContext(target, targetFolder)) copied = await Counts.ReadAsync(db);
        await using var app = new ReadinessFactory(targetFolder, new Dictionary<string, string?> { ["Database:Provider"] = DatabaseOptions.Postgres });
        var after = await DataSet.ReadAsync(app);
        var incidentId = await app.WithDbAsync(async db =>
        {
            var incident = new Incident("CopyCheck", "after the copy", "a new row takes the next id", DateTime.UtcNow);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync();
            return incident.Id;
        });

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(before.Counts.Tables, copied.Tables);
        Assert.All(copied.Tables.Where(t => t.Key is "AuditEntries" or "Assessments" or "ApprovalRequests" or "AspNetUsers" or "DataProtectionKeys"), t => Assert.True(t.Value > 0, t.Key));
        before.Rows.AssertSameAs(after);
        Assert.Equal(before.MaxIncidentId + 1, incidentId);
    }

    [Fact]
    public async Task A_target_that_holds_rows_is_refused_and_left_as_it_was()
    {
        var (sqlite, _) = await DemoSqliteAsync();
        var targetFolder = Directory.CreateTempSubdirectory("readiness-copy-").FullName;
        var target = TestDatabase.Postgres(targetFolder);
        Assert.Equal(0, (await CopyAsync(sqlite, target)).ExitCode);
        Counts first;
        await using (var db = DatabaseProvider.NewContext(target, targetFolder)) first = await Counts.ReadAsync(db);

        var again = await CopyAsync(sqlite, target);
        Counts second;
        await using (var db = DatabaseProvider.NewContext(target, targetFolder)) second = await Counts.ReadAsync(db);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is not empty", again.Error, StringComparison.Ordinal);
        Assert.Equal(first.Tables, second.Tables);
    }

    /// <summary>The command as an operator runs it, with the settings the source app ran with (its database, audit key and checkpoints).</summary>
    private static Task<AppCommand.Outcome> CopyAsync(Source source, DatabaseOptions target) =>
        AppCommand.RunAsync("copy-to-postgres", target.ConnectionString, "--Database:Provider=Sqlite", $"--Database:ConnectionString={source.Database.ConnectionString}",
            $"--Audit:ChainKey={ReadinessFactory.TestChainKey}", $"--Audit:CheckpointPath={Path.Combine(source.Folder, "audit")}");

    private sealed record Source(DatabaseOptions Database, string Folder);

    /// <summary>A SQLite app after the demo activity (returns, decisions, audit chain, keys), stopped before the copy.</summary>
    private static async Task<(Source Source, (Counts Counts, DataSet Rows, int MaxIncidentId) Before)> DemoSqliteAsync()
    {
        await using var app = new ReadinessFactory(settings: new Dictionary<string, string?> { ["Database:Provider"] = DatabaseOptions.Sqlite, ["Seed:DemoActivity"] = "true" });
        // A cookie-protecting key exists once someone has signed in.
        await new Browser(app.CreateBrowser()).SignInAsync("pmo@readiness.demo");
        var counts = await app.WithDbAsync(Counts.ReadAsync);
        var rows = await DataSet.ReadAsync(app);
        var maxIncident = await app.WithDbAsync(db => db.Incidents.MaxAsync(i => (int?)i.Id)) ?? 0;
        return (new Source(app.Database, app.Folder), (counts, rows, maxIncident));
    }
}

/// <summary>Rows per table of the model, by table name.</summary>
internal sealed record Counts(SortedDictionary<string, int> Tables)
{
    public static async Task<Counts> ReadAsync(ReadinessDbContext db)
    {
        var tables = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null))
        {
            var count = (Task<int>)typeof(Counts).GetMethod(nameof(CountAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
            tables[type.GetTableName()!] = await count;
        }
        return new Counts(tables);
    }

    private static Task<int> CountAsync<T>(ReadinessDbContext db) where T : class => db.Set<T>().CountAsync();
}
