using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Ctrl+C while a new database is being migrated or seeded (the first start takes several seconds, README): the app
/// stops with a sentence, not a crash, and the next start on the same file carries on to a full demo. The defect: the
/// stop surfaced as "Unhandled exception. System.Threading.Tasks.TaskCanceledException" and the process aborted.
/// </summary>
public sealed class InterruptedStartTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("readiness-interrupted-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("migrations")]
    [InlineData("seeding")]
    public async Task Ctrl_C_during_the_first_start_stops_cleanly_and_the_next_start_carries_on(string during)
    {
        using (var first = new RunningApp(_work))
        {
            if (during == "migrations")
                await first.WaitForAsync(MigrationLockTaken, "EF Core's migration lock"); // taken while they run
            else
                await first.WaitForAsync(() => first.Output.Contains("Workflow definitions loaded", StringComparison.Ordinal), "the workflows"); // just before the seeding
            first.Interrupt();
            var exitCode = await first.WaitForExitAsync();

            Assert.DoesNotContain("Unhandled exception", first.Error, StringComparison.Ordinal);
            Assert.Equal(0, exitCode);
            Assert.Contains("stopped before it finished starting", first.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", first.Output, StringComparison.Ordinal);
        }

        // The second defect: stopped during the migrations, EF Core's migration lock stayed in the file and every later
        // start waited for it, silently, for ever.
        using (var second = new RunningApp(_work))
            await second.WaitForAsync(() => second.Output.Contains("Now listening", StringComparison.Ordinal), "'Now listening'");

        Assert.Contains("demo-activity", await SeedRunsAsync());
    }

    private string DatabaseFile => Path.Combine(_work, "readiness.db");

    private bool MigrationLockTaken()
    {
        if (!File.Exists(DatabaseFile)) return false;
        try
        {
            using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsLock\"";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        catch (SqliteException)
        {
            return false; // no lock table yet, or the file is being made
        }
    }

    private async Task<List<string>> SeedRunsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Name\" FROM \"SeedRuns\"";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>The real app as its own process on the folder's SQLite file, its output collected as it comes.</summary>
    private sealed class RunningApp : IDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
        private readonly Process _process;
        private readonly StringBuilder _output = new(), _error = new();
        private readonly Lock _gate = new();

        public RunningApp(string work)
        {
            var start = AppProcess.StartInfo(work);
            start.Environment["Scheduling__StoragePath"] = Path.Combine(work, "hangfire.db");
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
            _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output { get { lock (_gate) return _output.ToString(); } }
        public string Error { get { lock (_gate) return _error.ToString(); } }

        private void Append(StringBuilder text, string? line)
        {
            if (line is null) return;
            lock (_gate) text.AppendLine(line);
        }

        public async Task WaitForAsync(Func<bool> condition, string what)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (_process.HasExited) throw new InvalidOperationException($"The app stopped before {what}.\n{Output}\n{Error}");
                if (watch.Elapsed > Patience) throw new TimeoutException($"No {what} within {Patience.TotalSeconds} s.\n{Output}");
                await Task.Delay(10);
            }
        }

        /// <summary>What Ctrl+C sends to the app in a terminal.</summary>
        public void Interrupt()
        {
            using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        public async Task<int> WaitForExitAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
