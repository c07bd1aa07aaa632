using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace Readiness.Benchmarks;

/// <summary>Seconds from starting the app's process to the first 200 on the sign-in page: on a new database (migrations,
/// the seeded demo and its activity) and restarted on that database; each the median of a few starts.</summary>
public sealed record StartTimes(double FirstStartSeconds, double RestartSeconds)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FirstStartSeconds:0.00} s new, {RestartSeconds:0.00} s restarted");
}

/// <summary>
/// Cold start of the app as deployed (<see cref="Published"/>: <c>dotnet publish -r &lt;rid&gt;</c>, ReadyToRun, the
/// build docs/deployment.md ships) and of the build <c>dotnet run</c> starts (<see cref="Built"/>). Null Published
/// with <see cref="PublishError"/> when the publish failed.
/// </summary>
public sealed record ColdStart(StartTimes Built, StartTimes? Published, int Starts, string Release, string? PublishError)
{
    public override string ToString() =>
        $"as deployed (published, ReadyToRun): {Published?.ToString() ?? "not measured: " + PublishError}; as built: {Built} (medians of {Starts})";
}

public static class ColdStartMeasure
{
    private const int Starts = 3;

    /// <summary>
    /// Publishes the app once, then alternates the two builds round by round (a new database, then a restart on it), so
    /// a machine that slows down during the measure slows both alike. The app runs as its own process the way the demo
    /// starts (Development settings, SQLite, the seeded demo with its activity, pickup mail, the Hangfire server), on
    /// 127.0.0.1 and a free port.
    /// </summary>
    public static async Task<ColdStart> TakeAsync()
    {
        var work = Directory.CreateTempSubdirectory("readiness-bench-cold-").FullName;
        try
        {
            var (published, error) = await PublishAsync(Path.Combine(work, "published"));
            await SettleAsync();
            var built = Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "Readiness.Web.dll");
            var builtTimes = (First: new List<double>(), Again: new List<double>());
            var publishedTimes = (First: new List<double>(), Again: new List<double>());
            for (var i = 0; i < Starts; i++)
            {
                await RoundAsync(built, WebContentRoot(), Path.Combine(work, $"built-{i}"), builtTimes);
                if (published is not null) await RoundAsync(published, Path.GetDirectoryName(published)!, Path.Combine(work, $"published-{i}"), publishedTimes);
            }
            return new ColdStart(Times(builtTimes), published is null ? null : Times(publishedTimes), Starts, "today's seeded demo", error);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Lets the machine settle before the first start: the run's own work (gigabyte-sized portfolio copies, the publish
    /// just done) leaves the disk writing back, and a start's SQLite commits (synchronous=FULL) wait behind it. In the
    /// full run the starts took 1.4–1.6× those of a cold-start-only run on the same code. So pending writes are flushed
    /// (<c>sync</c>) and the measure waits, up to half a minute, for the 1-minute load average to fall below 1.
    /// </summary>
    private static async Task SettleAsync()
    {
        var watch = Stopwatch.StartNew();
        if (OperatingSystem.IsLinux())
        {
            using var sync = Process.Start("sync") ?? throw new InvalidOperationException("sync did not start.");
            await sync.WaitForExitAsync();
            while (watch.Elapsed < TimeSpan.FromSeconds(30) && Measures.LoadAverageValue() >= 1.0) await Task.Delay(1000);
        }
        Console.WriteLine($"// Settled for {watch.Elapsed.TotalSeconds:0} s before the starts (load average {Measures.LoadAverage()})");
    }

    private static StartTimes Times((List<double> First, List<double> Again) t) => new(Median(t.First), Median(t.Again));

    private static async Task RoundAsync(string dll, string contentRoot, string folder, (List<double> First, List<double> Again) times)
    {
        Directory.CreateDirectory(folder);
        times.First.Add(await StartUntilSignInAsync(dll, contentRoot, folder));
        times.Again.Add(await StartUntilSignInAsync(dll, contentRoot, folder));
    }

    /// <summary>The deployment's build: Release, for this machine's runtime identifier, which turns ReadyToRun on (Readiness.Web.csproj).</summary>
    private static async Task<(string? Dll, string? Error)> PublishAsync(string output)
    {
        Console.WriteLine($"// Publishing Readiness.Web for {RuntimeInformation.RuntimeIdentifier} (ReadyToRun) …");
        var start = new ProcessStartInfo("dotnet", ["publish", WebContentRoot(), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode == 0) return (Path.Combine(output, "Readiness.Web.dll"), null);
        var said = (await stdout + await stderr).Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3);
        return (null, $"dotnet publish exited with {process.ExitCode}: {string.Join(" ", said)}");
    }

    private static async Task<double> StartUntilSignInAsync(string dll, string contentRoot, string folder)
    {
        var port = BenchApp.FreePort();
        var start = new ProcessStartInfo("dotnet", ["exec", dll])
        {
            WorkingDirectory = contentRoot,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "readiness.db")}";
        start.Environment["Scheduling__StoragePath"] = Path.Combine(folder, "hangfire.db");
        start.Environment["Email__PickupFolder"] = Path.Combine(folder, "mail");
        start.Environment["Audit__CheckpointPath"] = Path.Combine(folder, "audit");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The first request compiles the page: on a busy machine it can take seconds.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (process.HasExited) throw new InvalidOperationException($"The app stopped with exit code {process.ExitCode} before answering.");
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/Account/SignIn"));
                    if (response.StatusCode == HttpStatusCode.OK) return watch.Elapsed.TotalSeconds;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(25);
            }
            throw new TimeoutException("The app did not answer 200 on /Account/SignIn within 120 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Readiness.Web's project folder (its appsettings and wwwroot), as <c>dotnet run --project src/Readiness.Web</c> uses.</summary>
    private static string WebContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Readiness.Web");
            if (File.Exists(Path.Combine(candidate, "appsettings.json"))) return candidate;
        }
        throw new InvalidOperationException("src/Readiness.Web not found above the benchmark's folder.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
