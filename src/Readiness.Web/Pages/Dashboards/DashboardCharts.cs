using System.Text.Json;
using Readiness.Core.Common;
using Readiness.Core.Dashboards;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Dashboards;

/// <summary>
/// The dashboards' small charts as data for wwwroot/js/dashboard.js (a canvas's data-chart attribute). Each bar
/// carries the address of the list it counts; the numbers and links are also on the page as text, so the charts
/// only repeat what is already said.
/// </summary>
public static class DashboardCharts
{
    private static readonly string[] StatusLabels = ["Overdue", "Due this week", "Not due", "Complete"];
    private static readonly string[] StatusColours = ["#d4351c", "#1d70b8", "#505a5f", "#00703c"];
    private static readonly string[] RagLabels = ["Red", "Amber", "Green", "Not scored"];
    private static readonly string[] RagColours = ["#d4351c", "#ffdd00", "#00703c", "#b1b4b6"];

    private static string Json(object chart) => JsonSerializer.Serialize(chart);

    public static string GateStatuses(GateCounts g) => Json(new
    {
        type = "bar",
        labels = StatusLabels,
        values = new[] { g.Overdue, g.DueThisWeek, g.NotDue, g.Complete },
        colours = StatusColours,
        links = new[] { TrackerLink(status: "Overdue"), TrackerLink(status: "DueThisWeek"), TrackerLink(status: "NotDue"), TrackerLink(status: "Complete") },
        label = "Gates",
    });

    public static string RagOfOpenGates(GateCounts g) => Json(new
    {
        type = "bar",
        labels = RagLabels,
        values = new[] { g.OpenByRag[Rag.Red], g.OpenByRag[Rag.Amber], g.OpenByRag[Rag.Green], g.OpenNotScored },
        colours = RagColours,
        links = new[] { TrackerLink(rag: "Red"), TrackerLink(rag: "Amber"), TrackerLink(rag: "Green"), TrackerLink(rag: "None") },
        label = "Open gates",
    });

    public static string StuckByAge(IReadOnlyList<AgeBucket> buckets) => Json(new
    {
        type = "bar",
        labels = buckets.Select(b => b.Words).ToArray(),
        values = buckets.Select(b => b.Count).ToArray(),
        colours = buckets.Select((_, i) => i switch { 0 => "#1d70b8", 1 => "#003078", 2 => "#f47738", _ => "#d4351c" }).ToArray(),
        links = buckets.Select(_ => "/Portfolio/Approvals").ToArray(),
        label = "Decisions waiting",
    });

    public static string BurnUp(BurnUp b) => Json(new
    {
        type = "line",
        labels = b.Days.Select(d => d.ToString("d MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))).ToArray(),
        series = new object[]
        {
            new { label = "Submitted", values = b.Submitted, colour = "#1d70b8" },
            new { label = "Approved", values = b.Approved, colour = "#00703c" },
            new { label = "All returns", values = b.Days.Select(_ => b.Total).ToArray(), colour = "#505a5f", dashed = true },
        },
    });

    /// <summary>
    /// A release's burn-up (<see cref="BurnUp(Readiness.Core.Dashboards.BurnUp)"/>'s series up to today) carried on to its next gate's due date,
    /// with the forecast of approvals as a dashed line from today.
    /// </summary>
    public static string BurnUpForecast(ReleaseForecast f)
    {
        var b = f.BurnUp;
        var future = f.Line.Skip(1).ToList(); // the line starts today, the burn-up's last day
        var days = b.Days.Concat(future.Select(p => p.Day)).ToList();
        int?[] Past(IReadOnlyList<int> values) => [.. values.Select(v => (int?)v), .. future.Select(_ => (int?)null)];
        decimal?[] line = [.. b.Days.SkipLast(1).Select(_ => (decimal?)null), .. f.Line.Select(p => (decimal?)Math.Round(p.Approved, 1))];
        return Json(new
        {
            type = "line",
            labels = days.Select(d => d.ToString("d MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))).ToArray(),
            series = new object[]
            {
                new { label = "Submitted", values = Past(b.Submitted), colour = "#1d70b8" },
                new { label = "Approved", values = Past(b.Approved), colour = "#00703c" },
                new { label = "Forecast approved", values = line, colour = "#912b88", dashed = true },
                new { label = "All returns", values = days.Select(_ => b.Total).ToArray(), colour = "#505a5f", dashed = true },
            },
        });
    }

    public static string TrackerLink(string? status = null, string? rag = null) =>
        status is not null ? $"/Portfolio/Tracker?Status={status}" : $"/Portfolio/Tracker?Rag={rag}&Open=true";

    public static string Hours(decimal d) => Display.Number(Math.Round(d));
}
