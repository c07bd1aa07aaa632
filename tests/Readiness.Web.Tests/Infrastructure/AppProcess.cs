using System.Diagnostics;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>
/// Starts the real app as its own process (Production, a fresh SQLite file, a free port) with extra environment
/// variables, and waits for it to stop: how a start-up refusal looks to an operator (exit code, the message on stderr).
/// </summary>
public static class AppProcess
{
    public sealed record Outcome(int ExitCode, string Error, string Output);

    /// <summary>The app in Production, working in <paramref name="work"/> on its own SQLite file there, on a free port, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string work)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Readiness.Web.dll")])
        {
            WorkingDirectory = work,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(work, "readiness.db")}";
        start.Environment["Audit__ChainKey"] = ReadinessFactory.TestChainKey; // a deployment sets its own
        return start;
    }

    public static async Task<Outcome> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = StartInfo(Directory.CreateTempSubdirectory("readiness-start-").FullName);
        foreach (var (key, value) in environment) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not stop within 60 s: it started instead of refusing.");
        }
        return new Outcome(process.ExitCode, await stderr, await stdout);
    }
}
