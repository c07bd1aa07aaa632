using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Readiness.Benchmarks;

/// <summary>
/// Issue 13's budget table, filled from this run's medians and allocations (ratios always between results of the same
/// run) and the measures. A measure whose benchmarks were not in the run (a filter) says so instead of a number.
/// </summary>
public static class BudgetReport
{
    private const double MB = 1024 * 1024;
    private const long HtmlBudgetBytes = 150 * 1024;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (string Method, string Name)[] PagedPages =
    [
        (nameof(HttpPageBenchmarks.Tracker), "tracker page 1"),
        (nameof(HttpPageBenchmarks.TrackerFiltered), "tracker filtered"),
        (nameof(HttpPageBenchmarks.TrackerPage2), "tracker page 2"),
        (nameof(HttpPageBenchmarks.MyWork), "My work"),
        (nameof(HttpPageBenchmarks.Inbox), "inbox"),
    ];

    public static string Build(IReadOnlyList<Summary> summaries, MeasureResults? measures)
    {
        var reports = summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).ToList();
        // A page at a scale is its benchmark with that Scale; the outbox's benchmarks have no parameters (scale 0 here).
        static int ScaleOf(BenchmarkReport r) => r.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(HttpPageBenchmarks.Scale))?.Value is int s ? s : 0;
        BenchmarkReport? Report(string type, int scale, string method) => reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.Type.Name == type && ScaleOf(r) == scale && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
        double? Median(int scale, string method, string type = nameof(HttpPageBenchmarks)) => Report(type, scale, method)?.ResultStatistics!.Median;
        long? Allocated(int scale, string method) => Report(nameof(HttpPageBenchmarks), scale, method) is { } r ? r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) : null;
        static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;

        const int s1 = 1, s10 = 10;
        const string signIn = nameof(HttpPageBenchmarks.SignIn);
        var rows = new List<(string Measure, string Value, string Budget, bool? Holds)>();
        foreach (var (method, name) in PagedPages)
        {
            var atOne = Ratio(Median(s1, method), Median(s1, signIn));
            rows.Add(($"{name} ÷ sign-in page, scale 1", Number(atOne), "≤ 5", Holds(atOne, v => v <= 5)));
        }
        foreach (var (method, name) in PagedPages)
        {
            var growth = Ratio(Median(s10, method), Median(s1, method));
            rows.Add(($"{name}, scale 10 ÷ scale 1", Number(growth), "≤ 1.5", Holds(growth, v => v <= 1.5)));
        }
        var heat1 = Ratio(Median(s1, nameof(HttpPageBenchmarks.Heatmap)), Median(s1, signIn));
        var heat10 = Ratio(Median(s10, nameof(HttpPageBenchmarks.Heatmap)), Median(s10, signIn));
        rows.Add(("heatmap (26 weeks, all areas) ÷ sign-in page, scale 1", Number(heat1), "≤ 10", Holds(heat1, v => v <= 10)));
        rows.Add(("heatmap (26 weeks, all areas) ÷ sign-in page, scale 10", Number(heat10), "≤ 15", Holds(heat10, v => v <= 15)));
        var throughput = Ratio(Median(0, nameof(OutboxBenchmarks.BareMailKitLoop), nameof(OutboxBenchmarks)),
            Median(0, nameof(OutboxBenchmarks.ThroughTheOutbox), nameof(OutboxBenchmarks)));
        rows.Add(("1,000 emails: outbox throughput ÷ bare MailKit loop (one connection, same sink)", Number(throughput), "≥ 0.5", Holds(throughput, v => v >= 0.5)));
        var excel = Allocated(s10, nameof(HttpPageBenchmarks.TrackerExcel));
        rows.Add(("tracker Excel export, 9,000 rows (scale 10): allocated per request", excel is { } e ? $"{e / MB:0.0} MB" : "not run", "≤ 50 MB, streamed", Holds(excel, v => v <= 50 * MB)));
        if (measures is null)
        {
            rows.Add(("HTML of any list page at scale 10", "not measured (--no-measures)", "≤ 150 KB", null));
            rows.Add(("cold start on the demo to the first 200 on sign-in", "not measured (--no-measures)", "≤ 5 s", null));
        }
        else
        {
            var lists = measures.PageSizes.Where(p => !p.Grid).ToList();
            var largest = lists.MaxBy(p => p.Bytes);
            var failed = measures.PageSizes.Where(p => p.Status != 200).ToList();
            rows.Add(largest is null
                ? ("HTML of any list page at scale 10", "not measured (failed)", "≤ 150 KB", null)
                : ("HTML of any list page at scale 10 (largest)", $"{largest.Bytes / 1024.0:0.0} KB ({largest.Url}, {largest.Who})" + (failed.Count > 0 ? $"; {failed.Count} pages not 200" : ""),
                    "≤ 150 KB", failed.Count == 0 && lists.All(p => p.Bytes <= HtmlBudgetBytes)));
            // Not a budget of the issue: the grids are areas × weeks, so what matters is that they do not grow with the portfolio.
            foreach (var grid in measures.PageSizes.Where(p => p.Grid && p.Scale == Measures.SizeScale))
            {
                var atOne = measures.PageSizes.FirstOrDefault(p => p.Grid && p.Scale == 1 && p.Url == grid.Url);
                rows.Add(($"HTML of the grid `{grid.Url}` (40 areas × 26 weeks), scale 1 / scale 10", $"{(atOne?.Bytes ?? 0) / 1024.0:0.0} KB / {grid.Bytes / 1024.0:0.0} KB",
                    "a grid, not a list: not budgeted", null));
            }
            if (measures.ColdStart is { } cold)
            {
                // The budget is the app as deployed (docs/deployment.md: published, ReadyToRun); dotnet run's build is shown beside it.
                rows.Add(cold.Published is { } deployed
                    ? ($"cold start on {cold.Release}, as deployed (published), new database, to the first 200 on sign-in", $"{deployed.FirstStartSeconds:0.00} s (restart {deployed.RestartSeconds:0.00} s)", "≤ 5 s", deployed.FirstStartSeconds <= 5)
                    : ($"cold start on {cold.Release}, as deployed (published)", $"not measured ({cold.PublishError})", "≤ 5 s", null));
                rows.Add(($"cold start on {cold.Release}, as built (`dotnet run`'s build), new database", $"{cold.Built.FirstStartSeconds:0.00} s (restart {cold.Built.RestartSeconds:0.00} s)", "–", null));
            }
            else rows.Add(("cold start on the demo to the first 200 on sign-in", "not measured (failed)", "≤ 5 s", null));
        }

        var sb = new StringBuilder();
        sb.AppendLine("| measure | this run | budget | holds |").AppendLine("| --- | ---: | --- | --- |");
        foreach (var (measure, value, budget, holds) in rows)
            sb.AppendLine(Invariant, $"| {measure} | {value} | {budget} | {(holds is null ? "–" : holds.Value ? "yes" : "**no**")} |");
        sb.AppendLine().AppendLine("| page (HTTP, same run) | scale 1 | scale 10 | growth | allocated 1 / 10 |").AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var method in typeof(HttpPageBenchmarks).GetMethods().Where(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)).Select(m => m.Name))
        {
            double? one = Median(s1, method), ten = Median(s10, method);
            sb.AppendLine(Invariant, $"| {method} | {Ms(one)} | {Ms(ten)} | {Number(Ratio(ten, one))} | {Kb(Allocated(s1, method))} / {Kb(Allocated(s10, method))} |");
        }
        if (measures?.Error is { } error) sb.AppendLine().AppendLine(Invariant, $"Measures that failed: {error}");
        if (measures is { PageSizes.Count: > 0 })
        {
            sb.AppendLine().AppendLine("| page (HTML, uncompressed) | scale | as | status | size |").AppendLine("| --- | ---: | --- | ---: | ---: |");
            foreach (var p in measures.PageSizes) sb.AppendLine(Invariant, $"| `{p.Url}`{(p.Grid ? " (grid)" : "")} | {p.Scale} | {p.Who} | {p.Status} | {p.Bytes / 1024.0:0.0} KB |");
        }
        return sb.ToString();
    }

    /// <summary>Whether the budget holds; null (shown as –) when the measure was not in the run.</summary>
    private static bool? Holds(double? value, Func<double, bool> within) => value is { } v ? within(v) : null;

    private static string Number(double? value) => value is { } v ? v.ToString("0.00", Invariant) : "not run";

    private static string Ms(double? nanoseconds) => nanoseconds is { } ns ? (ns / 1e6).ToString("0.00", Invariant) + " ms" : "–";

    private static string Kb(long? bytes) => bytes is { } b ? (b / 1024.0).ToString("#,0", Invariant) + " KB" : "–";
}
