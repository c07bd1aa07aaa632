using System.Text.Json;

namespace Readiness.Benchmarks;

/// <summary>
/// Where this run's generated portfolio lives. Program generates it once per run and passes the folder on in an
/// environment variable; each benchmark class works on its own copy, so one that writes cannot change what another reads.
/// </summary>
public static class Workspace
{
    public const string Variable = "READINESS_BENCH_PORTFOLIO";

    public static string Portfolio => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder
        ? folder
        : throw new InvalidOperationException($"{Variable} is not set: run the benchmarks through Program (dotnet run -c Release --project benchmarks/Readiness.Benchmarks).");

    public static PortfolioShape Shape() =>
        JsonSerializer.Deserialize<PortfolioShape>(File.ReadAllText(Path.Combine(Portfolio, PortfolioShape.FileName)))
        ?? throw new InvalidOperationException("No portfolio shape.");

    /// <summary>A fresh copy of the generated database in a temp folder of its own.</summary>
    public static string CopyOfPortfolio(string name)
    {
        var folder = Directory.CreateTempSubdirectory($"readiness-bench-{name}-").FullName;
        BenchDatabase.Copy(Portfolio, folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        BenchDatabase.Drop(folder);
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { } // a file still held open; the temp folder is cleaned up by the OS
    }
}
