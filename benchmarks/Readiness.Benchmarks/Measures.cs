using System.Diagnostics;
using System.Net;

namespace Readiness.Benchmarks;

/// <summary>What is measured once rather than timed by BenchmarkDotNet: the size of every list page at scale 10, and cold start.</summary>
/// <param name="Error">Why a measure could not be taken (the run goes on and the budget table says so).</param>
public sealed record MeasureResults(IReadOnlyList<PageSize> PageSizes, ColdStart? ColdStart, string? Error);

/// <summary>
/// A page's HTML as sent, uncompressed; Status is not 200 when the page failed. A grid (areas × weeks: the heatmap,
/// training) is not a list: its size is set by the areas and weeks shown, so it is measured at scale 1 too, to show
/// that it does not grow with the portfolio, and kept out of the list pages' budget.
/// </summary>
public sealed record PageSize(string Who, string Url, int Status, long Bytes, bool Grid = false, int Scale = Measures.SizeScale);

/// <summary>Seconds from starting the app's process to the first 200 on the sign-in page: on a new database (migrations,
/// the seeded demo and its activity) and restarted on that database; each the median of a few starts.</summary>
public sealed record ColdStart(double FirstStartSeconds, double RestartSeconds, int Starts, string Release);

public static class Measures
{
    public const int SizeScale = 10;

    public static async Task<MeasureResults> TakeAsync()
    {
        var errors = new List<string>();
        List<PageSize> sizes = [];
        ColdStart? cold = null;
        try
        {
            Console.WriteLine($"// Measuring the list pages' HTML at scale {SizeScale} …");
            sizes = await PageSizesAsync();
            foreach (var s in sizes) Console.WriteLine($"//   {s.Url} ({s.Who}, scale {s.Scale}): {s.Status}, {s.Bytes / 1024.0:0.0} KB");
        }
#pragma warning disable CA1031 // A measure that fails is reported in the budget table; the run's results are kept.
        catch (Exception ex)
        {
            errors.Add($"page sizes: {ex.GetType().Name}: {ex.Message}");
        }
        try
        {
            Console.WriteLine("// Measuring cold start on the seeded demo …");
            cold = await ColdStartAsync();
            Console.WriteLine($"//   first start {cold.FirstStartSeconds:0.00} s, restart {cold.RestartSeconds:0.00} s (median of {cold.Starts})");
        }
        catch (Exception ex)
#pragma warning restore CA1031
        {
            errors.Add($"cold start: {ex.GetType().Name}: {ex.Message}");
        }
        foreach (var error in errors) Console.WriteLine($"// Measure failed: {error}");
        return new MeasureResults(sizes, cold, errors.Count == 0 ? null : string.Join("; ", errors));
    }

    private static readonly string[] Grids = [HttpPageBenchmarks.HeatmapUrl, "/Portfolio/Training"];

    /// <summary>Every page that lists things at scale 10, and the grids at scales 1 and 10, as the person who would open it, over HTTP without compression.</summary>
    private static async Task<List<PageSize>> PageSizesAsync()
    {
        var ten = await Workspace.ShapeAsync(SizeScale);
        var sizes = await PageSizesAsync(SizeScale,
        [
            ("PMO", ten.PmoEmail, ["/", HttpPageBenchmarks.TrackerUrl, HttpPageBenchmarks.StuckApprovalsUrl, "/Portfolio/Timeline", "/Portfolio/Feeds",
                "/Releases", "/Risks", "/Benefits", "/Audit", "/Incidents", "/Admin", "/Admin/People", "/Admin/Programmes", "/Admin/Capacity", .. Grids]),
            ("team lead of 6 areas", ten.BusyTeamLeadEmail, ["/", HttpPageBenchmarks.MyWorkUrl]),
            ("BCM of 4 areas", ten.InboxBcmEmail, ["/", HttpPageBenchmarks.InboxUrl]),
        ]);
        var one = await Workspace.ShapeAsync(1);
        sizes.AddRange(await PageSizesAsync(1, [("PMO", one.PmoEmail, Grids)]));
        return sizes;
    }

    private static async Task<List<PageSize>> PageSizesAsync(int scale, (string Who, string Email, string[] Urls)[] visits)
    {
        var folder = await Workspace.CopyOfPortfolioAsync($"sizes-{scale}", scale);
        try
        {
            await using var app = BenchApp.OverHttp(folder);
            var sizes = new List<PageSize>();
            foreach (var (who, email, urls) in visits)
            {
                using var client = await app.SignedInAsync(email);
                foreach (var url in urls)
                {
                    using var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    sizes.Add(new PageSize(who, url, (int)response.StatusCode, body.LongLength, Grids.Contains(url), scale));
                }
            }
            return sizes;
        }
        finally
        {
            BenchDatabase.ReleaseConnections();
            Workspace.Delete(folder);
        }
    }

    /// <summary>
    /// The app as its own process, the way the demo starts (Development settings, SQLite, the seeded demo with its
    /// activity, pickup mail, the Hangfire server running), on 127.0.0.1 and a free port.
    /// </summary>
    public static async Task<ColdStart> ColdStartAsync()
    {
        const int starts = 3;
        var first = new List<double>();
        var again = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            var folder = Directory.CreateTempSubdirectory("readiness-bench-cold-").FullName;
            try
            {
                first.Add(await StartUntilSignInAsync(folder));
                again.Add(await StartUntilSignInAsync(folder));
            }
            finally
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
        }
        return new ColdStart(Median(first), Median(again), starts, "today's seeded demo");
    }

    private static async Task<double> StartUntilSignInAsync(string folder)
    {
        var web = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var port = BenchApp.FreePort();
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(web, "Readiness.Web.dll")])
        {
            WorkingDirectory = WebContentRoot(),
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

    /// <summary>The machine's 1-minute load average (Linux), printed beside a cold start: the numbers mean little without it.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
