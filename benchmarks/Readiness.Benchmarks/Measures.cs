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
            cold = await ColdStartMeasure.TakeAsync();
            Console.WriteLine($"//   {cold}");
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

    /// <summary>The machine's 1-minute load average (Linux), printed beside a cold start: the numbers mean little without it.</summary>
    public static string LoadAverage() =>
        LoadAverageValue() is { } load ? load.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "unknown";

    /// <summary>The same as a number; null where the system does not give it.</summary>
    public static double? LoadAverageValue() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : null;
}
