using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The audit log survives a person with database access: the database refuses edits and deletions, and whatever is
/// done behind the guard (trigger dropped, rows deleted, the chain rebuilt) is reported against the keyed hashes and the
/// checkpoints kept outside the database — on /Audit and by the command-line verify, on the real database (either provider).
/// </summary>
public sealed class AuditChainTests : EmailedAppTest
{
    private const string Pmo = "pmo@readiness.demo";

    /// <summary>Some real history: a return submitted and its BCM's decision, each its own commit with audit entries.</summary>
    private async Task<long> HistoryAsync()
    {
        await Driver.SubmitAndDecideAsync("CONNECT-P1", "CUSTODY");
        await Driver.SubmitAndDecideAsync("CONNECT-P1", "PROPERTY");
        return await Factory.WithDbAsync(db => db.AuditEntries.LongCountAsync());
    }

    /// <summary>SQL run on the database directly, as someone with access to it would, outside the app.</summary>
    private async Task BehindTheAppsBackAsync(string sql)
    {
        await using var connection = await OpenDirectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection of its own to the app's database (SQLite file or PostgreSQL), not through the app.</summary>
    private async Task<DbConnection> OpenDirectAsync()
    {
        DbConnection connection = Factory.Database.IsPostgres
            ? new NpgsqlConnection(Factory.Database.ConnectionString)
            : new SqliteConnection($"{Factory.Database.ConnectionString};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private string DropGuard(string trigger) => AuditGuard.Drop(Factory.Database, trigger);

    private async Task<string> ChainOnAuditPageAsync()
    {
        var page = await (await Driver.SignedInAsync(Pmo)).GetAsync("/Audit");
        return page.QuerySelector("[data-testid=chain]")!.TextContent;
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"Summary\" = 'nothing happened' WHERE \"ChainIndex\" = 3", "changed")]
    [InlineData("DELETE FROM \"AuditEntries\" WHERE \"ChainIndex\" = (SELECT MAX(\"ChainIndex\") FROM \"AuditEntries\")", "deleted")]
    public async Task The_database_itself_refuses_to_change_or_delete_an_audit_entry(string sql, string word)
    {
        var count = await HistoryAsync();

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => BehindTheAppsBackAsync(sql));

        Assert.Contains($"append-only: entries cannot be {word}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(count, await Factory.WithDbAsync(db => db.AuditEntries.LongCountAsync()));
        Assert.Contains($"Audit chain intact ({count} entries)", await ChainOnAuditPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_newest_entry_behind_the_guard_is_reported_from_the_checkpoints()
    {
        var count = await HistoryAsync();

        await BehindTheAppsBackAsync($"{DropGuard("NoDelete")}DELETE FROM \"AuditEntries\" WHERE \"ChainIndex\" = {count}");

        var chain = await ChainOnAuditPageAsync();
        Assert.Contains($"Entry #{count} is missing", chain, StringComparison.Ordinal);
        Assert.Contains($"recorded the chain at #{count}, the log ends at #{count - 1}", chain, StringComparison.Ordinal);
        Assert.DoesNotContain("intact", chain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncating_the_log_is_reported_with_the_first_entry_missing()
    {
        var count = await HistoryAsync();

        await BehindTheAppsBackAsync($"{DropGuard("NoDelete")}DELETE FROM \"AuditEntries\" WHERE \"ChainIndex\" > {count - 4}");

        Assert.Contains($"Entries #{count - 3} to #{count} are missing", await ChainOnAuditPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_middle_entry_is_reported_as_missing()
    {
        await HistoryAsync();

        await BehindTheAppsBackAsync($"{DropGuard("NoDelete")}DELETE FROM \"AuditEntries\" WHERE \"ChainIndex\" = 4");

        Assert.Contains("Entry #4 is missing: the log goes from #3 to #5.", await ChainOnAuditPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_behind_the_guard_is_reported_as_the_break()
    {
        await HistoryAsync();

        await BehindTheAppsBackAsync($"{DropGuard("NoUpdate")}UPDATE \"AuditEntries\" SET \"Summary\" = 'nothing happened' WHERE \"ChainIndex\" = 3");

        Assert.Contains("Chain broken at entry #3: its content does not match its hash.", await ChainOnAuditPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_rebuilt_without_the_key_is_reported_against_the_checkpoints()
    {
        await HistoryAsync();

        // Without the key, the only chain one can rebuild is the unkeyed (legacy) one: every entry marked scheme 1 with its
        // SHA-256 recomputed in order, the edit included. The hashes then verify among themselves, not with the checkpoints.
        await BehindTheAppsBackAsync($"{DropGuard("NoUpdate")}UPDATE \"AuditEntries\" SET \"Summary\" = 'nothing happened' WHERE \"ChainIndex\" = 2");
        await RechainUnkeyedAsync();

        var chain = await ChainOnAuditPageAsync();
        Assert.Contains("(the chain was rebuilt)", chain, StringComparison.Ordinal);
        Assert.DoesNotContain("intact", chain, StringComparison.Ordinal);
    }

    private async Task RechainUnkeyedAsync()
    {
        await using var connection = await OpenDirectAsync();
        var rows = new List<(long Index, string[] Fields)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT \"ChainIndex\", \"AtUtc\", \"ActorUserId\", \"OnBehalfOfUserId\", \"Action\", \"SubjectType\", \"SubjectId\", \"Channel\", \"IpAddress\", \"UserAgent\", \"Summary\" FROM \"AuditEntries\" ORDER BY \"ChainIndex\"";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), Enumerable.Range(1, 10).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
                {
                    DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture), // PostgreSQL: timestamptz; SQLite keeps this text
                    var value => value.ToString()!,
                }).ToArray()));
        }
        var previous = new string('0', 64);
        foreach (var (index, f) in rows)
        {
            var at = DateTime.SpecifyKind(DateTime.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc).ToString("O");
            var text = string.Join('\u001f', index, at, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], previous);
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            await using var write = connection.CreateCommand();
            write.CommandText = "UPDATE \"AuditEntries\" SET \"Scheme\" = 1, \"PreviousHash\" = @p, \"Hash\" = @h WHERE \"ChainIndex\" = @i";
            Parameter(write, "p", previous);
            Parameter(write, "h", hash);
            Parameter(write, "i", index);
            await write.ExecuteNonQueryAsync();
            previous = hash;
        }
    }

    [Fact]
    public async Task The_command_line_verify_exits_0_when_intact_and_1_naming_the_entry_when_not()
    {
        var count = await HistoryAsync();

        var intact = await VerifyAsync();
        await BehindTheAppsBackAsync($"{DropGuard("NoDelete")}DELETE FROM \"AuditEntries\" WHERE \"ChainIndex\" = {count}");
        var broken = await VerifyAsync();

        Assert.Equal(0, intact.ExitCode);
        Assert.Contains($"Audit chain intact: {count} entries", intact.Output, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"Entry #{count} is missing", broken.Output, StringComparison.Ordinal);
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The real app binary run as an auditor would: <c>audit verify</c> against this test's database and checkpoints.</summary>
    private async Task<(int ExitCode, string Output)> VerifyAsync()
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Readiness.Web.dll"), "audit", "verify"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = Factory.Database.Provider;
        start.Environment["Database__ConnectionString"] = Factory.Database.ConnectionString;
        start.Environment["Audit__ChainKey"] = ReadinessFactory.TestChainKey;
        start.Environment["Audit__CheckpointPath"] = Path.Combine(Factory.Folder, "audit");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
