using System.Globalization;
using System.Text.Json;
using Readiness.Core.Indicators;

namespace Readiness.Web.Pages.Indicators;

/// <summary>How indicators, thresholds and alerts read on the page, and the chart's data for wwwroot/js/indicators.js.</summary>
public static class IndicatorWords
{
    public static string Number(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Direction(IndicatorDirection d) => d == IndicatorDirection.LowerIsBetter ? "Lower is better" : "Higher is better";

    public static string Thresholds(IndicatorView i)
    {
        var worse = i.Direction == IndicatorDirection.LowerIsBetter ? "or more" : "or less";
        return $"Amber at {Number(i.AmberThreshold)} {worse}, red at {Number(i.RedThreshold)} {worse} ({i.Unit})";
    }

    public static string Source(IndicatorView i) => i.Source switch
    {
        IndicatorSource.Http => $"Polled from {i.SourceUrl} by the indicator check",
        IndicatorSource.Csv => "CSV upload",
        _ => "Entered by hand",
    };

    public static string Status(AlertView a) => a.Status switch
    {
        AlertStatus.Open => "Open",
        AlertStatus.Acknowledged => $"Acknowledged by {a.AcknowledgedBy}",
        _ => $"Resolved ({IndicatorCommands.Words(a.Resolution ?? AlertResolution.Corrected)}) by {a.ResolvedBy}",
    };

    /// <summary>The chart's data as JSON, for the canvas's data-indicator-chart attribute (Razor encodes it for the attribute).</summary>
    public static string ChartJson(IndicatorView i) => JsonSerializer.Serialize(new
    {
        name = i.Name,
        unit = i.Unit,
        lowerIsBetter = i.Direction == IndicatorDirection.LowerIsBetter,
        baseline = i.Baseline,
        amber = i.AmberThreshold,
        red = i.RedThreshold,
        points = i.Readings.Select(r => new { date = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), value = r.Value, rag = r.Rag.ToString(), inWindow = r.InWindow }),
    });
}
