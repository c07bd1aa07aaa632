using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Readiness.Benchmarks;

// DESIGN §10: generate the portfolio once for the run, then time the pages and the reminder sweep on copies of it.
// Usage: dotnet run -c Release --project benchmarks/Readiness.Benchmarks [-- --filter '*Tracker*']
// READINESS_BENCH_PORTFOLIO=<folder> reuses a portfolio generated earlier (its readiness.db and shape.json).
public static class BenchmarkMain
{
    public static async Task Main(string[] args)
    {
        var watch = Stopwatch.StartNew();
        // WebApplicationFactory reads MvcTestingAppManifest.json (Readiness.Web's content root) from the current directory.
        // BenchmarkDotNet's artifacts (reports) then land in bin/Release/net10.0/BenchmarkDotNet.Artifacts.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        string? generated = null;
        if (Environment.GetEnvironmentVariable(Workspace.Variable) is not { Length: > 0 } folder
            || !File.Exists(Path.Combine(folder, PortfolioShape.FileName)))
        {
            folder = generated = Directory.CreateTempSubdirectory("readiness-bench-portfolio-").FullName;
            Console.WriteLine($"// Generating the portfolio in {folder} …");
            var shape = await PortfolioGenerator.GenerateAsync(folder);
            Console.WriteLine($"// Generated in {shape.Seconds} s: {shape}");
            Environment.SetEnvironmentVariable(Workspace.Variable, folder);
        }

        // In-process: the app is hosted by WebApplicationFactory in this process, which finds Readiness.Web's content root
        // from this project's build output. A short job (5 warm-ups, 20 iterations) keeps the whole run to minutes.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(5)
            .WithIterationCount(20)
            .WithId("InProcess-20");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddColumn(StatisticColumn.Median);
        // No arguments: every benchmark, instead of BenchmarkDotNet's interactive prompt.
        BenchmarkSwitcher.FromAssembly(typeof(PageBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        if (generated is not null) Workspace.Delete(generated);
        Console.WriteLine($"// Whole run (generation + benchmarks): {watch.Elapsed.TotalMinutes:0.0} min");
    }
}
