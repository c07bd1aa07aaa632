using System.Diagnostics;
using Npgsql;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.ScaleOut.Tests.Infrastructure;

/// <summary>The app's command line (<c>dotnet Readiness.Web.dll backup …</c>) and PostgreSQL's own tools, as real processes.</summary>
internal static class AppCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Task<Outcome> RunAsync(params string[] args) =>
        RunProcessAsync("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Readiness.Web.dll"), .. args], new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

    /// <summary>
    /// A PostgreSQL client tool (pg_dump, pg_restore) against the test server, from READINESS_PG_BIN (set by
    /// tests/run.sh) or the newest Debian install.
    /// </summary>
    public static async Task<Outcome> PostgresToolAsync(string tool, params string[] args)
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.Server);
        var bin = Environment.GetEnvironmentVariable("READINESS_PG_BIN") is { Length: > 0 } b
            ? b
            : Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")).LastOrDefault()
              ?? throw new InvalidOperationException("PostgreSQL's client tools are missing: run ./tests/run.sh, which installs Debian's postgresql package.");
        var outcome = await RunProcessAsync(Path.Combine(bin, tool), ["-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", server.Username!, .. args],
            new() { ["PGPASSWORD"] = server.Password ?? "" });
        return outcome.ExitCode == 0 ? outcome : throw new InvalidOperationException($"{tool} failed ({outcome.ExitCode}): {outcome.Error}");
    }

    private static async Task<Outcome> RunProcessAsync(string file, IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = Directory.CreateTempSubdirectory("readiness-command-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }
}
