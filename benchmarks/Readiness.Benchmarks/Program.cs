using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Readiness.Benchmarks;

// DESIGN §10: generate the portfolio once for the run, then time the pages and the reminder sweep on copies of it.
// Usage: dotnet run -c Release --project benchmarks/Readiness.Benchmarks [-- [--provider postgres] --filter '*Tracker*']
// READINESS_BENCH_PORTFOLIO=<folder> reuses a portfolio generated earlier (its database and shape.json) on the same provider.
public static class BenchmarkMain
{
    public static async Task Main(string[] args)
    {
        var watch = Stopwatch.StartNew();
        args = TakeProvider(args);
        Console.WriteLine($"// Database provider: {BenchDatabase.ProviderName}");
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

    /// <summary>Reads and removes <c>--provider sqlite|postgres</c> (BenchmarkDotNet refuses arguments it does not know).</summary>
    private static string[] TakeProvider(string[] args)
    {
        var at = Array.IndexOf(args, "--provider");
        if (at < 0) return args;
        var provider = at + 1 < args.Length ? args[at + 1].ToLowerInvariant() : "";
        if (provider is not ("sqlite" or "postgres"))
            throw new ArgumentException("--provider takes 'sqlite' (the default) or 'postgres'.");
        // Benchmarks run in this process, so the choice reaches them through the environment.
        Environment.SetEnvironmentVariable(BenchDatabase.ProviderVariable, provider);
        return [.. args.Take(at), .. args.Skip(at + 2)];
    }
}
