using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Readiness.Benchmarks;

// DESIGN §10: generate the portfolios (scale 1 and 10) once for the run, time the pages over HTTP, the outbox and the
// reminder sweep on copies of them, then measure page sizes and cold start, and check everything against the budgets.
// Usage: dotnet run -c Release --project benchmarks/Readiness.Benchmarks [-- [--provider postgres] [--short] [--no-measures] [--cold-start-only] [--filter '*Scale: 10*']]
//        dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --generate-only --scale 10 --out DIR
// READINESS_BENCH_PORTFOLIO=<folder> keeps the generated portfolios there (scale-1/, scale-10/) and reuses them next time.
public static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
        var watch = Stopwatch.StartNew();
        var options = BenchOptions.Parse(args);
        Console.WriteLine($"// Database provider: {BenchDatabase.ProviderName}");
        // WebApplicationFactory reads MvcTestingAppManifest.json (Readiness.Web's content root) from the current directory.
        // BenchmarkDotNet's artifacts (reports) then land in bin/Release/net10.0/BenchmarkDotNet.Artifacts.
        var output = options.Out is { } given ? Path.GetFullPath(given) : null;
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        if (options.GenerateOnly) return await GenerateOnlyAsync(options.Scale, output);
        if (options.ColdStartOnly) return await ColdStartOnlyAsync();

        string? made = null;
        if (Environment.GetEnvironmentVariable(Workspace.Variable) is not { Length: > 0 })
            Environment.SetEnvironmentVariable(Workspace.Variable, made = Directory.CreateTempSubdirectory("readiness-bench-portfolios-").FullName);

        // In-process: the app is hosted by WebApplicationFactory in this process, which finds Readiness.Web's content root
        // from this project's build output. 3 warm-ups and 15 iterations keep the whole run (two scales) under 15 minutes;
        // --short (1 and 3) is for trying changes, never for recorded results.
        // The in-process toolchain gives up on a benchmark after 5 minutes by default, and a class's set-up may generate
        // the scale-10 portfolio first (minutes on a busy machine): allow an hour.
        var job = Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(options.Short ? 1 : 3)
            .WithIterationCount(options.Short ? 3 : 15)
            .WithId(options.Short ? "InProcess-short" : "InProcess-15");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddColumn(StatisticColumn.Median)
            .WithOrderer(new ScalesSideBySide());
        // No filter: every benchmark, instead of BenchmarkDotNet's interactive prompt.
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(HttpPageBenchmarks).Assembly)
            .Run(options.Rest.Length == 0 ? ["--filter", "*"] : options.Rest, config).ToList();

        var measures = options.Measures ? await Measures.TakeAsync() : null;
        var report = BudgetReport.Build(summaries, measures);
        Console.WriteLine(report);
        var artifacts = summaries.FirstOrDefault()?.ResultsDirectoryPath ?? AppContext.BaseDirectory;
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "budgets.md"), report);
        Console.WriteLine($"// Budgets written to {Path.Combine(artifacts, "budgets.md")}");

        if (made is not null) DeletePortfolios(made);
        Console.WriteLine($"// Whole run (generation + benchmarks + measures): {watch.Elapsed.TotalMinutes:0.0} min");
        return 0;
    }

    /// <summary>Only the cold-start measure (no portfolio, no BenchmarkDotNet): for trying start-up changes in a minute or two.</summary>
    private static async Task<int> ColdStartOnlyAsync()
    {
        Console.WriteLine($"// Measuring cold start on the seeded demo (load average {Measures.LoadAverage()}) …");
        var cold = await ColdStartMeasure.TakeAsync();
        Console.WriteLine($"//   {cold}; load average {Measures.LoadAverage()}");
        return 0;
    }

    /// <summary>Writes the scale's portfolio into <paramref name="output"/> and says how to start the app on it.</summary>
    private static async Task<int> GenerateOnlyAsync(int scale, string? output)
    {
        if (output is null) throw new ArgumentException("--generate-only needs --out <folder> (a new or empty folder).");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            throw new ArgumentException($"--out {output} is not empty: give a new or empty folder.");
        Console.WriteLine($"// Generating the scale-{scale} portfolio into {output} …");
        var shape = await PortfolioGenerator.GenerateAsync(output, scale);
        BenchDatabase.ReleaseConnections();
        Console.WriteLine($"// Generated in {shape.Seconds} s: {shape}");
        Console.WriteLine($"""
            // Start the app on it (every generated person's password is {BenchApp.Password}; {shape.PmoEmail} is the PMO):
            //   Database__Provider={BenchDatabase.ProviderName} Database__ConnectionString="{BenchDatabase.ConnectionString(output)}" Seed__Enabled=false \
            //     dotnet run -c Release --project src/Readiness.Web
            """);
        return 0;
    }

    private static void DeletePortfolios(string root)
    {
        BenchDatabase.ReleaseConnections();
        foreach (var scale in Directory.EnumerateDirectories(root)) Workspace.Delete(scale);
        Workspace.Delete(root);
    }
}

/// <summary>The run's own options; everything else goes to BenchmarkDotNet (which refuses arguments it does not know).</summary>
internal sealed record BenchOptions(bool GenerateOnly, int Scale, string? Out, bool Short, bool Measures, string[] Rest, bool ColdStartOnly = false)
{
    public static BenchOptions Parse(string[] args)
    {
        var rest = new List<string>();
        bool generateOnly = false, isShort = false, measures = true, coldStartOnly = false;
        int scale = 1;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--generate-only": generateOnly = true; break;
                case "--short": isShort = true; break;
                case "--no-measures": measures = false; break;
                case "--cold-start-only": coldStartOnly = true; break;
                case "--out": output = Value(); break;
                case "--scale":
                    var text = Value();
                    if (!int.TryParse(text, out scale) || scale is < 1 or > 100)
                        throw new ArgumentException($"--scale takes a whole number from 1 to 100 (1 = 80 programmes, 300 releases), not '{text}'.");
                    break;
                case "--provider":
                    var provider = Value().ToLowerInvariant();
                    if (provider is not ("sqlite" or "postgres")) throw new ArgumentException("--provider takes 'sqlite' (the default) or 'postgres'.");
                    // Benchmarks run in this process, so the choice reaches them through the environment.
                    Environment.SetEnvironmentVariable(BenchDatabase.ProviderVariable, provider);
                    break;
                default: rest.Add(args[i]); break;
            }
        }
        return new BenchOptions(generateOnly, scale, output, isShort, measures, [.. rest], coldStartOnly);
    }
}
