using System.Text.Json;

namespace Readiness.Benchmarks;

/// <summary>
/// Where this run's generated portfolios live: a root folder (passed on by Program in an environment variable) with one
/// folder per scale, <c>scale-1</c>, <c>scale-10</c>, each generated the first time a benchmark asks for it and kept
/// for the rest of the run. Each benchmark class works on its own copy, so one that writes cannot change what another reads.
/// </summary>
public static class Workspace
{
    public const string Variable = "READINESS_BENCH_PORTFOLIO";

    private static readonly SemaphoreSlim Generating = new(1, 1);

    public static string Root => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder
        ? folder
        : throw new InvalidOperationException($"{Variable} is not set: run the benchmarks through Program (dotnet run -c Release --project benchmarks/Readiness.Benchmarks).");

    /// <summary>The portfolio of <paramref name="scale"/>, generated now if this run has not made it yet.</summary>
    public static async Task<string> PortfolioAsync(int scale)
    {
        var folder = Path.Combine(Root, $"scale-{scale}");
        await Generating.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, PortfolioShape.FileName)))
            {
                Console.WriteLine($"// Generating the scale-{scale} portfolio in {folder} …");
                var shape = await PortfolioGenerator.GenerateAsync(folder, scale);
                Console.WriteLine($"// Generated in {shape.Seconds} s: {shape}");
            }
        }
        finally
        {
            Generating.Release();
        }
        return folder;
    }

    public static async Task<PortfolioShape> ShapeAsync(int scale) => Read(await PortfolioAsync(scale));

    public static PortfolioShape Read(string folder) =>
        JsonSerializer.Deserialize<PortfolioShape>(File.ReadAllText(Path.Combine(folder, PortfolioShape.FileName)))
        ?? throw new InvalidOperationException("No portfolio shape.");

    /// <summary>A fresh copy of the scale's generated database in a temp folder of its own.</summary>
    public static async Task<string> CopyOfPortfolioAsync(string name, int scale)
    {
        var source = await PortfolioAsync(scale);
        var folder = Directory.CreateTempSubdirectory($"readiness-bench-{name}-").FullName;
        BenchDatabase.Copy(source, folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        BenchDatabase.Drop(folder);
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { } // a file still held open; the temp folder is cleaned up by the OS
    }
}
